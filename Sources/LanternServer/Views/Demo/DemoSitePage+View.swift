extension DemoSitePage {
    func render() -> HTML {
        let options = customers.html { "<option value=\"\($0.email)\">\($0.name) — \($0.email)</option>" }
        let snippet: HTML = """
        <script>
          window.lanternSettings = { widgetId: \(widgetID) };
          !function(){if("function"!=typeof window.Lantern){var n=function(){n.q.push(arguments)};n.q=[],window.Lantern=n}}();
        </script>
        <script src="\(baseURL)/widget/v1/loader.js" async defer></script>
        """
        return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Brightbill — invoicing for small businesses</title>
          <style>
            body { font-family: system-ui, sans-serif; margin: 0; color: #1d2433; background: #f6f7fb; }
            header { background: #24346b; color: #fff; padding: 1rem 2rem; display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: .5rem; }
            main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
            .card { background: #fff; border-radius: .5rem; padding: 1.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.1); margin-bottom: 1rem; }
            pre { background: #1d2433; color: #e8ecf8; padding: 1rem; border-radius: .4rem; overflow-x: auto; font-size: .85rem; }
            button, select, input { font: inherit; padding: .4rem .7rem; }
            button:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
            #demo-user { font-weight: 600; }
            .row { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
          </style>
        </head>
        <body>
          <header><strong>Brightbill</strong><span>Signed in: <span id="demo-user">nobody</span></span></header>
          <main>
            <section class="card">
              <h1>Send invoices, get paid faster</h1>
              <p>This page stands for the website of a company that uses Lantern for its help center. The help
                 widget (bottom right) is embedded exactly as <code>docs/embedding.md</code> describes
                 (widget <code id="demo-widget-id">\(widgetID)</code>). Open it and search: as a visitor you see
                 the public articles only.</p>
            </section>
            <section class="card" aria-labelledby="signin-title">
              <h2 id="signin-title">Sign in as a demo customer</h2>
              <p>Signing in makes this site's server mint a JWT with the account's shared secret
                 (<code>POST /demo/token</code>) and hand it to the widget with
                 <code>Lantern('authenticate', {token, callback})</code>. Alice (Acme) then sees Acme's private
                 folder, Bruno (Globex) sees Globex's, Camille gets the widget in French. The contact form is
                 prefilled with the verified name and e-mail.</p>
              <form id="demo-signin" class="row">
                <label for="demo-customer">Customer</label>
                <select id="demo-customer" name="email">\(options)</select>
                <label for="demo-ttl">Token lifetime (s)</label>
                <input id="demo-ttl" name="ttl" type="number" min="5" max="7200" value="3600" size="6">
                <button type="submit" id="demo-signin-button">Sign in</button>
                <button type="button" id="demo-signout">Sign out</button>
              </form>
              <p id="demo-log" role="status" aria-live="polite"></p>
            </section>
            <section class="card">
              <h2>Try the commands</h2>
              <div class="row">
                <button type="button" data-demo="open">Open</button>
                <button type="button" data-demo="form">Contact form</button>
                <button type="button" data-demo="prefill">Prefill the subject</button>
                <button type="button" data-demo="hide-launcher">Hide launcher</button>
                <button type="button" data-demo="show-launcher">Show launcher</button>
              </div>
              <h3>The embed code</h3>
              <pre>\(snippet.description)</pre>
            </section>
          </main>
          \(snippet)
          <script>
            (function () {
              var log = document.getElementById('demo-log');
              var user = document.getElementById('demo-user');
              var current = null;
              function say(text) { log.textContent = new Date().toLocaleTimeString() + ' — ' + text; }
              // The site's own server mints the token; the widget calls `renew` before it expires.
              function signIn(email, ttl) {
                current = { email: email, ttl: ttl };
                return fetch('/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                              body: JSON.stringify({ email: email, ttl: ttl }) })
                  .then(function (r) { return r.json(); })
                  .then(function (body) {
                    if (!body.token) { say('Could not sign in: ' + (body.error && body.error.message)); return; }
                    Lantern('authenticate', { token: body.token, callback: renew });
                    user.textContent = email;
                    sessionStorage.setItem('demo-user', JSON.stringify(current));
                  });
              }
              function renew() {
                if (!current) return;
                say('The widget asked for a fresh token; minting one for ' + current.email + '.');
                signIn(current.email, current.ttl);
              }
              document.getElementById('demo-signin').addEventListener('submit', function (event) {
                event.preventDefault();
                var ttl = parseInt(document.getElementById('demo-ttl').value, 10) || 3600;
                signIn(document.getElementById('demo-customer').value, ttl)
                  .then(function () { say('Signed in; open the widget to see the private articles.'); });
              });
              document.getElementById('demo-signout').addEventListener('click', function () {
                current = null;
                sessionStorage.removeItem('demo-user');
                Lantern('logout');
                user.textContent = 'nobody';
                say('Signed out: the widget shows public content only.');
              });
              var actions = {
                'open': function () { Lantern('open'); },
                'form': function () { Lantern('open', 'ticketForm'); },
                'prefill': function () { Lantern('prefill', 'ticketForm', { subject: 'Question about my invoice' }); Lantern('open', 'ticketForm'); },
                'hide-launcher': function () { Lantern('hide', 'launcher'); },
                'show-launcher': function () { Lantern('show', 'launcher'); }
              };
              document.querySelectorAll('[data-demo]').forEach(function (button) {
                button.addEventListener('click', actions[button.getAttribute('data-demo')]);
              });
              var saved = null;
              try { saved = JSON.parse(sessionStorage.getItem('demo-user')); } catch (e) {}
              if (saved && saved.email) {
                document.getElementById('demo-customer').value = saved.email;
                signIn(saved.email, saved.ttl || 3600);
              }
            })();
          </script>
        </body>
        </html>
        """
    }
}
