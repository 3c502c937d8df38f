/*! Lantern help widget panel — runs inside the frame Lantern serves; plain JS, no dependencies. */
(() => {
  'use strict';
  const d = document, w = window, API = '/widget/v1';
  const widgetId = (location.pathname.match(/\/widgets\/(\d+)\/frame$/) || [])[1];
  const embedded = w.parent !== w;
  // The page that embeds us, as the loader told us; the browser's own record wins when it disagrees.
  let parentOrigin = new URLSearchParams(location.hash.slice(1)).get('origin');
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length && ancestors[0] !== parentOrigin) parentOrigin = null;

  const T = {
    en: {
      banner: 'Help', search: 'Search for answers', searchLabel: 'Search the help center', popular: 'Popular articles',
      browse: 'Browse by topic', loading: 'Loading…', noResults: 'No articles match “{q}”.', results: '{n} results',
      offline: 'You are offline. Check your connection and try again.', retry: 'Try again',
      error: 'Something went wrong. Please try again.', back: 'Back', close: 'Close help', contact: 'Contact us',
      contactTitle: 'Contact us', name: 'Name', email: 'Email', subject: 'Subject', description: 'How can we help?',
      submit: 'Send', sending: 'Sending…', confirmation: 'Thanks! Your message has been sent. We will reply by email.',
      home: 'Back to help', helpful: 'Was this article helpful?', yes: 'Yes', no: 'No', thanks: 'Thanks for your feedback!',
      votesLimited: 'Too many votes from your network. Please try again later.',
      loginRequired: 'Please sign in on this website to see this.', notFound: 'This article is not available.',
      signedIn: 'Signed in as {name}', required: 'Please fill this in.', rateLimited: 'Too many messages. Please wait a minute and try again.',
      formDisabled: 'The contact form is not available.', notSent: 'Your message could not be sent. Please check the form and try again.', fallback: 'This article is not available in your language yet.',
      locked: 'Your name and email come from your account.', articles: '{n} articles', empty: 'No articles here yet.',
      searchTab: 'Search', myTickets: 'Your tickets', noTickets: 'You have no tickets yet.', you: 'You', support: 'Support',
      lastActivity: 'Last activity {date}', reply: 'Your reply', sendReply: 'Send reply', replySent: 'Your reply is sent.',
      closedHint: 'This ticket is closed: your reply starts a new ticket.', ticketGone: 'This ticket is not available.',
      status2: 'Open', status3: 'Pending', status4: 'Resolved', status5: 'Closed', attachment: 'Attachment: {name}',
      priority: 'Priority', type: 'Type', choose: 'Choose…', priority1: 'Low', priority2: 'Medium', priority3: 'High', priority4: 'Urgent',
      wholeNumber: 'Enter a whole number.', number: 'Enter a number.', date: 'Enter a date (YYYY-MM-DD).', tooLong: 'This is too long.',
    },
    fr: {
      banner: 'Aide', search: 'Rechercher une réponse', searchLabel: "Rechercher dans le centre d'aide", popular: 'Articles populaires',
      browse: 'Parcourir par thème', loading: 'Chargement…', noResults: 'Aucun article ne correspond à « {q} ».', results: '{n} résultats',
      offline: 'Vous êtes hors ligne. Vérifiez votre connexion et réessayez.', retry: 'Réessayer',
      error: 'Une erreur est survenue. Veuillez réessayer.', back: 'Retour', close: "Fermer l'aide", contact: 'Nous contacter',
      contactTitle: 'Nous contacter', name: 'Nom', email: 'E-mail', subject: 'Objet', description: 'Comment pouvons-nous vous aider ?',
      submit: 'Envoyer', sending: 'Envoi…', confirmation: 'Merci ! Votre message a bien été envoyé. Nous vous répondrons par e-mail.',
      home: "Retour à l'aide", helpful: 'Cet article vous a-t-il été utile ?', yes: 'Oui', no: 'Non', thanks: 'Merci pour votre avis !',
      votesLimited: 'Trop de votes depuis votre réseau. Réessayez plus tard.',
      loginRequired: 'Connectez-vous sur ce site pour voir ce contenu.', notFound: "Cet article n'est pas disponible.",
      signedIn: 'Connecté en tant que {name}', required: 'Veuillez remplir ce champ.', rateLimited: 'Trop de messages. Patientez une minute et réessayez.',
      formDisabled: "Le formulaire de contact n'est pas disponible.", notSent: "Votre message n'a pas pu être envoyé. Vérifiez le formulaire et réessayez.", fallback: "Cet article n'est pas encore disponible dans votre langue.",
      locked: 'Votre nom et votre e-mail viennent de votre compte.', articles: '{n} articles', empty: "Aucun article pour l'instant.",
      searchTab: 'Rechercher', myTickets: 'Vos demandes', noTickets: "Vous n'avez pas encore de demande.", you: 'Vous', support: 'Support',
      lastActivity: 'Dernière activité {date}', reply: 'Votre réponse', sendReply: 'Envoyer la réponse', replySent: 'Votre réponse est envoyée.',
      closedHint: 'Cette demande est fermée : votre réponse ouvre une nouvelle demande.', ticketGone: "Cette demande n'est pas disponible.",
      status2: 'Ouverte', status3: 'En attente', status4: 'Résolue', status5: 'Fermée', attachment: 'Pièce jointe : {name}',
      priority: 'Priorité', type: 'Type', choose: 'Choisir…', priority1: 'Basse', priority2: 'Moyenne', priority3: 'Haute', priority4: 'Urgente',
      wholeNumber: 'Saisissez un nombre entier.', number: 'Saisissez un nombre.', date: 'Saisissez une date (AAAA-MM-JJ).', tooLong: 'Ce texte est trop long.',
    },
  };

  // Texts of suggestions and of the not-helpful question.
  const DEFLECTION_TEXTS = {
    en: {
      suggested: 'Suggested for this page', formSuggest: 'Does one of these answer your question?', why: 'What was wrong with it?',
      outdated: 'It is out of date', unclear: 'It is hard to understand', incomplete: 'Something is missing',
      wrong_topic: 'It is not what I was looking for', other: 'Something else', comment: 'Tell us more (optional)',
      sendFeedback: 'Send', feedbackSent: 'Thank you: this helps us improve the article.', chooseReason: 'Please choose a reason.',
    },
    fr: {
      suggested: 'Suggestions pour cette page', formSuggest: "L'un de ces articles répond-il à votre question ?", why: "Qu'est-ce qui n'allait pas ?",
      outdated: "Il n'est plus à jour", unclear: 'Il est difficile à comprendre', incomplete: 'Il manque quelque chose',
      wrong_topic: "Ce n'est pas ce que je cherchais", other: 'Autre chose', comment: 'Dites-nous en plus (facultatif)',
      sendFeedback: 'Envoyer', feedbackSent: "Merci : cela nous aide à améliorer l'article.", chooseReason: 'Veuillez choisir une raison.',
    },
  };
  for (const [l, texts] of Object.entries(DEFLECTION_TEXTS)) Object.assign(T[l], texts);

  let config = null, session = null, renewable = false, locale = null, labels = {}, expiryTimer = 0, waiters = [];
  let view = { name: 'home', query: '' }, stack = [], seq = 0, searchTimer = 0, controller = null, marked = false;
  const draft = { name: '', email: '', subject: '', description: '', priority: null, type: null, custom_fields: {} };
  // What the page asked of the form (`hide`, `disable`, `hideChoices` 'ticketForm'), as the loader keeps it.
  let shape = { hidden: [], disabled: [], choices: {} };
  const $ = (id) => d.getElementById(id);
  const main = $('main');

  // ---- helpers -------------------------------------------------------------------------------------------
  function h(tag, attrs, ...kids) {
    const el = d.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const kid of kids.flat()) if (kid != null && kid !== false) el.append(kid);
    return el;
  }
  const pick = (c) => typeof c === 'string' ? (T[c.toLowerCase()] ? c.toLowerCase() : T[c.toLowerCase().split('-')[0]] ? c.toLowerCase().split('-')[0] : null) : null;
  const lang = () => pick(locale) || pick(session && session.contact.language) || pick(config && config.default_language) || 'en';
  const t = (key, vars) => ((T[lang()] || T.en)[key] || T.en[key]).replace(/\{(\w+)\}/g, (_, v) => vars[v]);
  const custom = (path) => path.reduce((o, k) => (o && typeof o[k] === 'string' || (o && typeof o[k] === 'object')) ? o[k] : null, labels[lang()]);
  const post = (m) => { if (embedded && parentOrigin) w.parent.postMessage(Object.assign({ lantern: 1 }, m), parentOrigin); };
  const say = (text) => { $('status').textContent = text; };
  const loc = (sep) => (locale ? `${sep}locale=${encodeURIComponent(locale)}` : '');

  // ---- HTML sanitiser: an allow-list of tags and attributes; everything else is dropped or unwrapped --------
  const TAGS = {
    P: [], BR: [], B: [], STRONG: [], I: [], EM: [], U: [], S: [], MARK: [], CODE: [], PRE: [], BLOCKQUOTE: [], UL: [],
    OL: ['start'], LI: [], H1: [], H2: [], H3: [], H4: [], H5: [], H6: [], HR: [], A: ['href', 'title'],
    IMG: ['src', 'alt', 'title', 'width', 'height'], TABLE: [], THEAD: [], TBODY: [], TR: [], TH: ['colspan', 'rowspan'],
    TD: ['colspan', 'rowspan'], SPAN: [], DIV: ['class'], SUP: [], SUB: [], FIGURE: [], FIGCAPTION: [], DL: [], DT: [], DD: [],
  };
  // Dropped with their content. Case-insensitive: SVG and MathML elements (`svg`, and a `script` or `style` inside
  // one) have lower-case tag names, and would otherwise be unwrapped, their code shown as text.
  const DROP = /^(SCRIPT|STYLE|IFRAME|FRAME|FRAMESET|OBJECT|EMBED|TEMPLATE|NOSCRIPT|SVG|MATH|FORM|INPUT|BUTTON|TEXTAREA|SELECT|LINK|META|BASE|AUDIO|VIDEO|TITLE)$/i;
  // The article editor's callout blocks: the only class an article keeps.
  const CALLOUT = /^callout-(note|warning)$/;
  function safeURL(value, attr) {
    try {
      const u = new URL(value, location.href);
      return attr === 'src' ? /^https?:$/.test(u.protocol) : /^(https?|mailto):$/.test(u.protocol);
    } catch (e) { return false; }
  }
  function sanitize(html, tags = TAGS) {
    const source = new DOMParser().parseFromString('<!doctype html><body>' + html, 'text/html').body;
    const out = d.createDocumentFragment();
    (function walk(from, to) {
      for (const n of from.childNodes) {
        if (n.nodeType === 3) { to.append(n.data); continue; }
        if (n.nodeType !== 1 || DROP.test(n.tagName)) continue;
        const allowed = tags[n.tagName];
        if (!allowed) { walk(n, to); continue; }
        const el = d.createElement(n.tagName);
        for (const a of allowed) {
          const v = n.getAttribute(a);
          if (v != null && ((a !== 'href' && a !== 'src') || safeURL(v, a)) && (a !== 'class' || CALLOUT.test(v))) el.setAttribute(a, v);
        }
        if (n.tagName === 'A') { el.target = '_blank'; el.rel = 'noopener noreferrer'; }
        if (n.tagName === 'IMG') el.loading = 'lazy';
        walk(n, el);
        to.append(el);
      }
    })(source, out);
    return out;
  }
  const MARK_ONLY = { MARK: [] };

  // ---- the API, with the session as Bearer ------------------------------------------------------------------
  async function call(path, opts = {}, retried = false) {
    const headers = { Accept: 'application/json' };
    if (opts.body) headers['Content-Type'] = 'application/json';
    const used = opts.anonymous ? null : session;
    if (used) headers.Authorization = 'Bearer ' + used.token;
    let r;
    try {
      r = await fetch(path, { method: opts.method || 'GET', headers, body: opts.body && JSON.stringify(opts.body),
        signal: opts.signal, credentials: 'omit', cache: 'no-store' });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw { offline: true };
    }
    const data = r.status === 204 ? null : await r.json().catch(() => null);
    const error = (data && data.error) || {};
    if (r.status === 401 && used && /^session_/.test(error.code || '') && !retried) {
      if (session === used) await lose(error.code);
      else if (!session && renewable) await waitForSession();
      return call(path, opts, true);
    }
    if (!r.ok) throw { status: r.status, code: error.code, message: error.message, fields: error.fields };
    return { data, date: r.headers.get('Date'), timing: r.headers.get('Server-Timing') };
  }
  const get = async (path, opts) => (await call(path, opts)).data;

  // ---- the session: lives here only, never posted to the page -----------------------------------------------
  async function signIn(token) {
    try {
      const { data, date } = await call(`${API}/widgets/${widgetId}/session`, { method: 'POST', body: { token }, anonymous: true });
      // Time left by the server's clock, so a wrong clock on the visitor's machine does not matter.
      const now = (Date.parse(date) || Date.now()) / 1000;
      const expiresIn = Math.max(0, data.expires_at - now);
      session = { token: data.session_token, contact: data.contact };
      clearTimeout(expiryTimer);
      expiryTimer = setTimeout(() => lose('session_expired'), expiresIn * 1000);
      post({ type: 'session', expiresIn });
      waiters.splice(0).forEach((f) => f());
      changed();
    } catch (e) {
      if (e.offline) return;
      post({ type: 'session_lost', reason: 'token_rejected', code: e.code });
      if (!session && !renewable) changed();
    }
  }
  function waitForSession() {
    return new Promise((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, 8000);
    });
  }
  /// The server no longer accepts the session: ask the page for a new token (when it gave a callback) and wait a
  /// little for it; otherwise carry on anonymously. Restricted content disappears either way unless a new session comes.
  async function lose(reason) {
    session = null;
    clearTimeout(expiryTimer);
    post({ type: 'session_lost', reason });
    if (renewable) {
      await waitForSession();
      if (!session) changed();
    } else {
      changed();
    }
  }
  function logout() {
    const old = session;
    session = null;
    renewable = false;
    clearTimeout(expiryTimer);
    waiters.splice(0).forEach((f) => f());
    changed();
    if (old) fetch(`${API}/session`, { method: 'DELETE', headers: { Authorization: 'Bearer ' + old.token }, credentials: 'omit' }).catch(() => {});
  }

  // ---- messages from the loader -----------------------------------------------------------------------------
  w.addEventListener('message', (e) => {
    if (!embedded || e.source !== w.parent || !parentOrigin || e.origin !== parentOrigin) return;
    const m = e.data;
    if (!m || typeof m !== 'object' || m.lantern !== 1) return;
    switch (m.type) {
      case 'init':
        locale = m.locale || null;
        labels = m.labels || {};
        renewable = !!m.renewable;
        takeFields(m.identity);
        takeFields(m.prefill);
        if (m.form) shape = m.form;
        start(m.token, m.view);
        break;
      case 'authenticate': renewable = !!m.renewable; signIn(m.token); break;
      case 'logout': logout(); break;
      case 'open': go(m.view && m.view.name === 'article' ? { name: 'article', id: m.view.id } : m.view && m.view.name === 'form' ? { name: 'form' } : { name: 'home', query: '' }); break;
      case 'focus': if (live) focusView(); else wantFocus = true; break;
      case 'prefill': case 'identify': takeFields(m.fields); if (view.name === 'form') render(); break;
      case 'form': shape = m.form || shape; if (view.name === 'form') render(); break;
      case 'clear': clearForm(); break;
      case 'labels': labels = m.labels || {}; applyLanguage(); render(); break;
      case 'suggest': suggest(m.suggestion); break;
    }
  });
  d.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); post({ type: 'close' }); } });
  $('close').addEventListener('click', () => post({ type: 'close' }));
  $('back').addEventListener('click', () => { view = stack.pop() || { name: 'home', query: '' }; render(); focusView(); });
  w.addEventListener('online', () => render());

  let started = false, live = false, wantFocus = false;
  async function start(token, first) {
    if (started) return;
    started = true;
    const configLoad = get(`${API}/widgets/${widgetId}`).then((c) => { config = c; }).catch(() => {});
    if (token) await signIn(token);
    await configLoad;
    live = true;
    applyLanguage();
    if (first) go(first.name === 'article' ? { name: 'article', id: first.id } : { name: first.name }, true);
    else render();
    if (wantFocus || d.hasFocus()) focusView();
  }

  function applyLanguage() {
    const l = lang();
    d.documentElement.lang = l;
    $('banner').textContent = custom(['banner']) || (config && config.name) || t('banner');
    $('close').setAttribute('aria-label', t('close'));
    $('back').setAttribute('aria-label', t('back'));
    post({ type: 'lang', lang: l });
  }

  /// Who the visitor is changed (signed in, out, expired): show what they may see now, in the same view.
  function changed() {
    if (!live) return;
    applyLanguage();
    render(true);
  }

  // ---- navigation -------------------------------------------------------------------------------------------
  function go(next, replace) {
    if (replace) stack = []; else stack.push(view);
    view = next;
    render();
    if (d.hasFocus()) focusView();
  }
  function focusView() {
    const target = main.querySelector('[data-lantern=search-input], [data-lantern=article-title], #f-name:not([readonly]), [data-lantern=ticket-subject], [data-lantern=ticket-done], [data-lantern=ticket-title]') || main;
    target.focus({ preventScroll: false });
  }
  /// After content arrives: if focus was parked on the panel while it loaded, move it to the view's main control.
  function settleFocus() {
    if (d.hasFocus() && (d.activeElement === main || d.activeElement === d.body || !d.activeElement)) focusView();
  }
  function render(refresh) {
    const hadFocus = main.contains(d.activeElement);
    $('back').hidden = view.name === 'home';
    footer();
    if (view.name === 'home') {
      // A refresh keeps the search as typed, unless signing in or out adds or removes the tabs.
      if (refresh && $('results') && !main.querySelector('.tabs') === !session) return loadResults();
      renderHome();
    } else if (view.name === 'category') renderCategory();
    else if (view.name === 'article') renderArticle();
    else if (view.name === 'form') renderForm();
    else if (view.name === 'done') renderDone();
    else if (view.name === 'tickets') renderTickets();
    else if (view.name === 'ticket') renderTicket();
    if (refresh && hadFocus && !main.contains(d.activeElement)) focusView();
  }
  function footer() {
    const f = $('footer');
    const canContact = !config || config.contact_form.enabled;
    f.replaceChildren(
      session ? h('span', { class: 'who', text: t('signedIn', { name: session.contact.name }) }) : '',
      canContact && view.name !== 'form' && view.name !== 'done' ? h('button', { type: 'button', class: 'link', onclick: () => go({ name: 'form' }) }, t('contact')) : '',
    );
  }
  function state(kind, text, retry) {
    return h('div', { class: 'state ' + kind, 'data-state': kind }, h('p', { text }),
      retry ? h('button', { type: 'button', class: 'secondary', onclick: retry }, t('retry')) : '');
  }
  function errorState(e, retry) {
    if (e.offline || !navigator.onLine) return state('offline', t('offline'), retry);
    if (e.status === 401) return state('login-required', t('loginRequired'));
    return state('error', t('error'), retry);
  }
  function resultList(articles) {
    return h('ul', { class: 'results' }, articles.map((a) => h('li', null,
      h('button', { type: 'button', class: 'result', 'data-lantern': 'result', onclick: () => go({ name: 'article', id: a.id }) },
        h('span', { class: 'title', text: a.title }),
        a.snippet ? h('span', { class: 'snippet' }, sanitize(a.snippet, MARK_ONLY)) : ''))));
  }
  function markFirstResults() {
    if (marked || !main.querySelector('[data-lantern=result]')) return;
    marked = true;
    requestAnimationFrame(() => performance.mark('lantern:first-results'));
  }

  // ---- home: search as you type, popular articles and categories --------------------------------------------
  function renderHome() {
    const input = h('input', {
      type: 'search', id: 'q', 'data-lantern': 'search-input', placeholder: t('search'), 'aria-label': t('searchLabel'),
      autocomplete: 'off', spellcheck: 'false', 'aria-controls': 'results', enterkeyhint: 'search',
    });
    input.value = view.query || '';
    input.addEventListener('input', () => {
      view.query = input.value;
      clearTimeout(searchTimer);
      searchTimer = setTimeout(loadResults, 120);
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') { const first = main.querySelector('.result'); if (first) { e.preventDefault(); first.focus(); } }
    });
    main.replaceChildren(tabs('home'), h('form', { role: 'search', class: 'search', onsubmit: (e) => { e.preventDefault(); clearTimeout(searchTimer); loadResults(); } }, input),
      h('div', { id: 'results' }));
    main.onkeydown = arrowKeys;
    loadResults();
  }
  function arrowKeys(e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' || !e.target.classList.contains('result')) return;
    const all = [...main.querySelectorAll('.result')], i = all.indexOf(e.target) + (e.key === 'ArrowDown' ? 1 : -1);
    e.preventDefault();
    (i < 0 ? main.querySelector('#q') || all[0] : all[Math.min(i, all.length - 1)]).focus();
  }
  async function loadResults() {
    const box = $('results');
    if (!box) return;
    const query = (view.query || '').trim(), mine = ++seq;
    if (controller) controller.abort();
    controller = new AbortController();
    const signal = controller.signal;
    main.setAttribute('aria-busy', 'true');
    if (!box.firstChild || box.querySelector('.state')) box.replaceChildren(state('loading', t('loading')));
    box.classList.add('busy');
    try {
      let content;
      if (!query) {
        const [list, tree] = await Promise.all([
          get(suggestionsPath(), { signal }),
          get(`${API}/widgets/${widgetId}/categories${loc('?')}`, { signal }),
        ]);
        if (mine !== seq) return;
        content = [
          list.articles.length ? suggestionBlock(list) : state('no-results', t('empty')),
          tree.categories.length ? [h('h2', { text: t('browse') }), h('ul', { class: 'categories' }, tree.categories.map((c) => h('li', null,
            h('button', { type: 'button', class: 'category', onclick: () => go({ name: 'category', id: c.id, title: c.name, tree: c }) },
              h('span', { class: 'title', text: c.name }), h('span', { class: 'count', text: t('articles', { n: c.article_count }) })))))] : '',
        ];
      } else {
        const { data: r, timing } = await call(`${API}/widgets/${widgetId}/articles?query=${encodeURIComponent(query)}${loc('&')}`, { signal });
        if (mine !== seq) return;
        searched(query, r.total, timing);
        content = r.articles.length ? clickTracked(resultList(r.articles), query, r.articles) : state('no-results', t('noResults', { q: query }));
        say(t('results', { n: r.total }));
      }
      box.replaceChildren(...[content].flat(2));
      markFirstResults();
      settleFocus();
    } catch (e) {
      if (e.name === 'AbortError' || mine !== seq) return;
      box.replaceChildren(errorState(e, loadResults));
    } finally {
      if (mine === seq) { box.classList.remove('busy'); main.setAttribute('aria-busy', 'false'); }
    }
  }

  // ---- a category: its folders and their articles -----------------------------------------------------------
  async function renderCategory() {
    const mine = ++seq, v = view;
    main.onkeydown = arrowKeys;
    main.replaceChildren(h('h2', { class: 'view-title', tabindex: '-1', text: v.title }), state('loading', t('loading')));
    try {
      const [tree, list] = await Promise.all([
        get(`${API}/widgets/${widgetId}/categories${loc('?')}`),
        get(`${API}/widgets/${widgetId}/articles?category_id=${v.id}&per_page=50${loc('&')}`),
      ]);
      if (mine !== seq) return;
      const category = tree.categories.find((c) => c.id === v.id);
      if (!category) return main.replaceChildren(state('not-found', t('empty')));
      main.replaceChildren(h('h2', { class: 'view-title', tabindex: '-1', text: category.name }),
        ...category.folders.map((f) => {
          const articles = list.articles.filter((a) => a.folder_id === f.id);
          return articles.length ? h('section', { class: 'folder' }, h('h3', { text: f.name }), resultList(articles)) : '';
        }));
      settleFocus();
    } catch (e) {
      if (mine === seq) main.replaceChildren(errorState(e, renderCategory));
    }
  }

  // ---- an article, with votes -------------------------------------------------------------------------------
  // The visitor's random id (128 bits, base64url), so that voting again replaces the earlier vote: kept in the
  // frame's own storage (never the embedding page's), or in memory while the browser blocks storage.
  let memoryVisitor = null;
  function visitorId() {
    try {
      const kept = w.localStorage.getItem('lantern.visitor');
      if (kept && /^[A-Za-z0-9_-]{16,128}$/.test(kept)) return kept;
    } catch (e) { /* storage blocked */ }
    if (!memoryVisitor) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      memoryVisitor = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }
    try { w.localStorage.setItem('lantern.visitor', memoryVisitor); } catch (e) { /* memory only */ }
    return memoryVisitor;
  }

  async function renderArticle() {
    const mine = ++seq, id = view.id;
    main.onkeydown = null;
    main.replaceChildren(state('loading', t('loading')));
    try {
      const a = await get(`${API}/widgets/${widgetId}/articles/${id}?visitor_id=${visitorId()}${loc('&')}`);
      if (mine !== seq) return;
      const up = h('button', { type: 'button', class: 'vote', 'data-lantern': 'vote-up', 'aria-pressed': 'false', onclick: () => vote(true) }, t('yes'));
      const down = h('button', { type: 'button', class: 'vote', 'data-lantern': 'vote-down', 'aria-pressed': 'false', onclick: () => vote(false) }, t('no'));
      const thanks = h('p', { class: 'thanks', role: 'status' });
      let voting = false;
      async function vote(helpful) {
        if (voting) return;
        voting = true;
        try {
          await call(`${API}/widgets/${widgetId}/articles/${id}/feedback`, { method: 'POST', body: { helpful, visitor_id: visitorId() } });
          up.setAttribute('aria-pressed', String(helpful));
          down.setAttribute('aria-pressed', String(!helpful));
          thanks.textContent = t('thanks');
          track('vote', { article_id: id, helpful });
          askWhy(id, helpful, thanks);
        } catch (e) {
          thanks.textContent = e.offline ? t('offline') : e.status === 429 ? t('votesLimited') : t('error');
        } finally {
          voting = false;
        }
      }
      main.replaceChildren(h('article', { class: 'article', lang: a.language },
        h('h2', { 'data-lantern': 'article-title', tabindex: '-1', text: a.title }),
        a.fallback ? h('p', { class: 'note', text: t('fallback') }) : '',
        h('div', { class: 'body', 'data-lantern': 'article-body' }, sanitize(a.description))),
        h('section', { class: 'votes', 'aria-labelledby': 'helpful' }, h('p', { id: 'helpful', text: t('helpful') }), h('div', { class: 'row' }, up, down), thanks));
      settleFocus();
      track('article_view', { article_id: id });
    } catch (e) {
      if (mine !== seq) return;
      main.replaceChildren(e.status === 404 ? state(session ? 'not-found' : 'login-required', session ? t('notFound') : t('loginRequired')) : errorState(e, renderArticle));
    }
  }

  // ---- the contact form -------------------------------------------------------------------------------------
  function renderForm() {
    main.onkeydown = null;
    const cf = (config && config.contact_form) || { enabled: true, logged_in_only: false };
    if (!cf.enabled) return main.replaceChildren(state('form-disabled', t('formDisabled')));
    if (cf.logged_in_only && !session) return main.replaceChildren(state('login-required', t('loginRequired')));
    const locked = !!session;
    const field = (key, type) => {
      const attrs = { id: 'f-' + key, name: key, 'data-lantern': 'ticket-' + key, required: true, 'aria-describedby': 'e-' + key };
      const input = type === 'textarea' ? h('textarea', Object.assign({ rows: '5' }, attrs)) : h('input', Object.assign({ type, autocomplete: key === 'subject' ? 'off' : key }, attrs));
      const lockedValue = locked && (key === 'name' || key === 'email') ? session.contact[key] : null;
      input.value = lockedValue != null ? lockedValue : draft[key] || '';
      // Read-only: a signed-in customer's name and e-mail, and a field the page disabled once it has a value to show.
      if (lockedValue != null || (shape.disabled.includes(key) && input.value)) { input.readOnly = true; input.setAttribute('aria-readonly', 'true'); }
      else input.addEventListener('input', () => { draft[key] = input.value; });
      return h('div', { class: 'field', hidden: hides(key, input.value) }, h('label', { for: 'f-' + key, text: t(key) }), input, h('p', { class: 'field-error', id: 'e-' + key }));
    };
    const submit = h('button', { type: 'submit', class: 'primary', 'data-lantern': 'ticket-submit' }, custom(['contact_form', 'submit']) || t('submit'));
    const formError = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { class: 'ticket', novalidate: true },
      h('h2', { class: 'view-title', text: custom(['contact_form', 'title']) || t('contactTitle') }),
      locked ? h('p', { class: 'note', text: t('locked') }) : '',
      field('name', 'text'), field('email', 'email'), field('subject', 'text'), field('description', 'textarea'), extraFields(),
      // The honeypot: people never see it, bots fill it in. The server then refuses the ticket (422 with a problem
      // on `website`, a field with no error slot of its own), which shows as an error for the whole form.
      h('div', { class: 'hp', 'aria-hidden': 'true' }, h('input', { id: 'f-website', name: 'website', tabindex: '-1', autocomplete: 'off' })),
      formError, submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const values = {};
      let firstBad = null;
      for (const key of ['name', 'email', 'subject', 'description']) {
        const input = $('f-' + key);
        values[key] = input.value.trim();
        showFieldError(key, values[key] ? '' : t('required'));
        if (!values[key] && !firstBad) firstBad = input;
      }
      firstBad = extraValues(values) || firstBad;
      formError.textContent = '';
      if (firstBad) return firstBad.focus();
      if ($('f-website').value) values.website = $('f-website').value;
      submit.disabled = true;
      submit.textContent = t('sending');
      try {
        await call(`${API}/widgets/${widgetId}/tickets`, { method: 'POST', body: values });
        draft.subject = draft.description = '';
        track('ticket_sent');
        sendEvents();
        draft.custom_fields = {};
        go({ name: 'done' }, false);
      } catch (err) {
        submit.disabled = false;
        submit.textContent = custom(['contact_form', 'submit']) || t('submit');
        if (err.status === 422 && err.fields) {
          // Problems with a visible field go next to it; any other (the honeypot, a field the form lacks) gives
          // the general form error, so a refused message never goes unexplained.
          let first = null;
          for (const [key, problem] of Object.entries(err.fields)) {
            if (showFieldError(key, String(problem))) first = first || $('f-' + key);
            else formError.textContent = t('notSent');
          }
          if (first) first.focus();
        } else if (err.status === 401) main.replaceChildren(state('login-required', t('loginRequired')));
        else formError.textContent = err.offline ? t('offline') : err.status === 403 ? t('formDisabled') : err.status === 429 ? t('rateLimited') : (err.message || t('error'));
      }
    });
    main.replaceChildren(form);
    formOpened(form);
    settleFocus();
  }
  // ---- Freshdesk's form API: prefilled, hidden and read-only fields, priority, type and custom fields ------------
  /// Takes prefilled or identified values into the draft (custom fields merge with earlier ones).
  function takeFields(fields) {
    if (!fields) return;
    const { custom_fields: custom, ...rest } = fields;
    Object.assign(draft, rest);
    if (custom) Object.assign(draft.custom_fields, custom);
  }
  /// `clear 'ticketForm'`: empties every field the visitor may edit (a signed-in customer's name and e-mail stay).
  function clearForm() {
    Object.assign(draft, { name: '', email: '', subject: '', description: '', priority: null, type: null, custom_fields: {} });
    if (view.name === 'form') render();
  }
  /// Whether the field `key` is hidden: the page hid it and it has a value to send (an empty required field shows).
  function hides(key, value, required = true) {
    return shape.hidden.includes(key) && (value !== '' && value != null || !required);
  }
  /// The choices of a list the page did not hide (`hideChoices`), compared as text.
  function shownChoices(key, choices) {
    const removed = (shape.choices[key] || []).map(String);
    return choices.filter((c) => !removed.includes(String(c.value)));
  }
  /// Priority and type (when the widget lets customers set them) and the account's custom fields shown in widgets.
  function extraFields() {
    const cf = (config && config.contact_form) || {};
    const list = [];
    if (cf.priority) list.push({ key: 'priority', label: t('priority'), type: 'dropdown', required: false,
      choices: [1, 2, 3, 4].map((p) => ({ value: p, label: t('priority' + p) })), value: draft.priority });
    if (cf.type && cf.types && cf.types.length) list.push({ key: 'type', label: t('type'), type: 'dropdown', required: false,
      choices: cf.types.map((v) => ({ value: v, label: v })), value: draft.type });
    for (const f of (config && config.ticket_fields) || []) {
      list.push({ key: 'custom_fields.' + f.name, label: (f.labels && f.labels[lang()]) || f.label, type: f.type, required: f.required,
        choices: (f.choices || []).map((v) => ({ value: v, label: v })), value: draft.custom_fields[f.name] });
    }
    return list.map(extraField);
  }
  function extraField(f) {
    const id = 'f-' + f.key, attrs = { id, name: f.key, 'data-lantern': 'ticket-' + f.key, 'aria-describedby': 'e-' + f.key, required: f.required };
    const value = f.value == null ? '' : f.value;
    let input;
    if (f.type === 'dropdown') {
      input = h('select', attrs, h('option', { value: '', text: t('choose') }),
        shownChoices(f.key, f.choices).map((c) => h('option', { value: String(c.value), text: c.label, selected: String(c.value) === String(value) })));
    } else if (f.type === 'checkbox') {
      input = h('input', Object.assign({ type: 'checkbox', checked: value === true || value === 'true' }, attrs));
    } else if (f.type === 'paragraph') {
      input = h('textarea', Object.assign({ rows: '3' }, attrs));
      input.value = String(value);
    } else {
      input = h('input', Object.assign({ type: { number: 'number', decimal: 'number', date: 'date' }[f.type] || 'text',
        step: f.type === 'decimal' ? 'any' : null, inputmode: f.type === 'number' ? 'numeric' : f.type === 'decimal' ? 'decimal' : null }, attrs));
      input.value = String(value);
    }
    input.dataset.kind = f.type;
    input.addEventListener('change', () => {
      const v = f.type === 'checkbox' ? input.checked : input.value;
      if (f.key === 'priority' || f.key === 'type') draft[f.key] = v; else draft.custom_fields[f.key.slice(14)] = v;
    });
    if (shape.disabled.includes(f.key) && value !== '') { input.disabled = f.type === 'dropdown' || f.type === 'checkbox'; input.readOnly = true; input.setAttribute('aria-readonly', 'true'); }
    const box = h('div', { class: 'field' + (f.type === 'checkbox' ? ' check' : ''), hidden: hides(f.key, f.type === 'checkbox' ? 'x' : value, f.required) },
      h('label', { for: id, text: f.label }), input, h('p', { class: 'field-error', id: 'e-' + f.key }));
    return box;
  }
  /// Reads priority, type and custom fields into `values`, checked as the server checks them; the first bad input.
  function extraValues(values) {
    let firstBad = null;
    for (const input of main.querySelectorAll('[data-kind]')) {
      const key = input.name, kind = input.dataset.kind, raw = kind === 'checkbox' ? input.checked : input.value.trim();
      let problem = '', value = raw;
      if ((raw === '' || raw === false) && input.required) problem = t('required');
      else if (raw !== '' && kind === 'number' && !/^-?\d{1,15}$/.test(raw)) problem = t('wholeNumber');
      else if (raw !== '' && kind === 'decimal' && !/^-?\d{1,15}(\.\d{1,10})?$/.test(raw)) problem = t('number');
      else if (raw !== '' && kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(raw)) problem = t('date');
      else if (kind === 'text' && raw.length > 255 || kind === 'paragraph' && raw.length > 10000) problem = t('tooLong');
      showFieldError(key, problem);
      if (problem && !firstBad) firstBad = input;
      if (raw === '' || problem) continue;
      if (kind === 'number') value = Number(raw);
      else if (kind === 'decimal') value = Number(raw);
      else if (key === 'priority') value = Number(raw);
      if (key === 'priority' || key === 'type') values[key] = value;
      else (values.custom_fields = values.custom_fields || {})[key.slice(14)] = value;
    }
    return firstBad;
  }
  /// Shows `text` under the field `key` (clears it when empty); false when the form has no such visible field.
  function showFieldError(key, text) {
    const input = $('f-' + key), slot = $('e-' + key);
    if (!input || !slot || !main.contains(slot)) return false;
    slot.textContent = text;
    if (text) input.closest('.field').hidden = false; // a hidden field with a problem shows, to be put right
    if (text) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    return true;
  }
  function renderDone() {
    main.onkeydown = null;
    main.replaceChildren(h('div', { class: 'done', 'data-lantern': 'ticket-done', role: 'status', tabindex: '-1' },
      h('p', { text: custom(['contact_form', 'confirmation']) || t('confirmation') })),
      h('button', { type: 'button', class: 'secondary', onclick: () => { stack = []; go({ name: 'home', query: '' }, true); } }, t('home')));
  }

  // ---- your tickets: the signed-in customer's tickets, a ticket's public conversation, and a reply ---------------
  /// "Search" and "Your tickets", for a signed-in customer; nothing for anyone else.
  function tabs(current) {
    if (!session) return '';
    const tab = (name, label, hook) => h('button', { type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(current === name),
      'data-lantern': hook, onclick: () => { if (current !== name) go(name === 'home' ? { name: 'home', query: '' } : { name }, true); } }, label);
    return h('div', { class: 'tabs', role: 'tablist' }, tab('home', t('searchTab'), 'search-tab'), tab('tickets', t('myTickets'), 'my-tickets'));
  }
  const when = (iso) => { const date = iso && new Date(iso); return date && !isNaN(date) ? date.toLocaleString(lang()) : ''; };
  const statusLabel = (code) => t('status' + code) || '';

  async function renderTickets() {
    const mine = ++seq;
    main.onkeydown = arrowKeys;
    if (!session) return main.replaceChildren(state('login-required', t('loginRequired')));
    main.replaceChildren(tabs('tickets'), state('loading', t('loading')));
    try {
      const list = await get(`${API}/widgets/${widgetId}/tickets?per_page=50`);
      if (mine !== seq) return;
      main.replaceChildren(tabs('tickets'), list.length ? h('ul', { class: 'results' }, list.map((ticket) => h('li', null,
        h('button', { type: 'button', class: 'result', 'data-lantern': 'my-ticket', 'data-ticket': ticket.id, onclick: () => go({ name: 'ticket', id: ticket.id }) },
          h('span', { class: 'title', text: ticket.subject }),
          h('span', { class: 'snippet' }, h('span', { class: 'badge', text: statusLabel(ticket.status) }), ' ',
            t('lastActivity', { date: when(ticket.updated_at) })))))) : state('no-tickets', t('noTickets')));
      settleFocus();
    } catch (e) {
      if (mine === seq) main.replaceChildren(tabs('tickets'), errorState(e, renderTickets));
    }
  }

  /// An attachment, fetched with the session (a plain link would carry none) and saved under its name.
  async function download(path, filename) {
    try {
      const r = await fetch(path, { headers: { Authorization: 'Bearer ' + (session && session.token) }, credentials: 'omit', cache: 'no-store' });
      if (!r.ok) throw new Error(String(r.status));
      const url = URL.createObjectURL(await r.blob());
      const a = h('a', { href: url, download: filename });
      d.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      say(t('error'));
    }
  }
  function files(list) {
    return list && list.length ? h('ul', { class: 'files' }, list.map((file) => h('li', null,
      h('button', { type: 'button', class: 'link', 'aria-label': t('attachment', { name: file.name }), onclick: () => download(file.attachment_url, file.name) }, file.name)))) : '';
  }
  function entry(who, mineToo, html, at, attachments) {
    return h('article', { class: 'entry' + (mineToo ? ' mine' : '') },
      h('p', { class: 'meta' }, h('strong', { text: who }), ' · ', when(at)),
      h('div', { class: 'body' }, sanitize(html)), files(attachments));
  }

  async function renderTicket() {
    const mine = ++seq, id = view.id;
    main.onkeydown = null;
    if (!session) return main.replaceChildren(state('login-required', t('loginRequired')));
    main.replaceChildren(state('loading', t('loading')));
    try {
      const ticket = await get(`${API}/widgets/${widgetId}/tickets/${id}`);
      if (mine !== seq) return;
      const thread = h('div', { class: 'thread', 'data-lantern': 'ticket-thread' },
        entry(t('you'), true, ticket.description, ticket.created_at, ticket.attachments),
        ticket.conversations.map((c) => entry(c.incoming ? t('you') : t('support'), c.incoming, c.body, c.created_at, c.attachments)));
      const box = h('textarea', { id: 'f-reply', name: 'body', rows: '4', required: true, 'data-lantern': 'ticket-reply', 'aria-describedby': 'e-reply' });
      const send = h('button', { type: 'submit', class: 'primary', 'data-lantern': 'ticket-reply-submit' }, t('sendReply'));
      const problem = h('p', { class: 'form-error', id: 'e-reply', role: 'alert' });
      const form = h('form', { class: 'ticket reply', novalidate: true },
        h('div', { class: 'field' }, h('label', { for: 'f-reply', text: t('reply') }), box),
        ticket.status === 5 ? h('p', { class: 'note', text: t('closedHint') }) : '', problem, send);
      form.addEventListener('submit', async (e) => {
        e.preventDefault();
        const body = box.value.trim();
        problem.textContent = body ? '' : t('required');
        if (!body) return box.focus();
        send.disabled = true;
        try {
          const added = (await call(`${API}/widgets/${widgetId}/tickets/${id}/reply`, { method: 'POST', body: { body } })).data;
          say(t('replySent'));
          if (added.ticket_id !== id) go({ name: 'ticket', id: added.ticket_id }, false); else render();
        } catch (err) {
          send.disabled = false;
          problem.textContent = err.offline ? t('offline') : err.status === 422 && err.fields ? String(Object.values(err.fields)[0]) : t('error');
        }
      });
      main.replaceChildren(h('h2', { class: 'view-title', 'data-lantern': 'ticket-title', tabindex: '-1', text: ticket.subject }),
        h('p', { class: 'note' }, h('span', { class: 'badge', 'data-lantern': 'ticket-status', text: statusLabel(ticket.status) }), ' #' + ticket.id),
        thread, form);
      settleFocus();
    } catch (e) {
      if (mine !== seq) return;
      main.replaceChildren(e.status === 404 ? state('not-found', t('ticketGone')) : errorState(e, renderTicket));
    }
  }

  // ---- suggestions: the panel's first view, and articles beside the contact form's subject --------------------
  let suggestion = null; // what the page asked for ({url} | {articles} | {search}); null: opened on its own
  function suggest(next) {
    if (!next || typeof next !== 'object') return;
    suggestion = next;
    if (live && view.name === 'home' && !(view.query || '').trim()) loadResults();
  }
  function suggestionsPath() {
    const s = suggestion || {};
    const ask = s.articles ? 'articles=' + s.articles.join(',') : s.search ? 'search=' + encodeURIComponent(s.search)
      : s.url ? 'url=' + encodeURIComponent(s.url) : '';
    return `${API}/widgets/${widgetId}/suggestions?${ask}${loc(ask ? '&' : '')}`;
  }
  /// A list of suggested articles, each `data-lantern="suggestion"` around its result button; shown and clicks recorded.
  function suggestionList(articles, source, rule) {
    track('suggestion_shown', { source, rule });
    return h('ul', { class: 'results' }, articles.map((a, i) => h('li', { 'data-lantern': 'suggestion', 'data-article': a.id },
      h('button', { type: 'button', class: 'result', 'data-lantern': 'result', onclick: () => {
        settleSearch();
        track('suggestion_click', { source, rule, article_id: a.id, rank: i + 1 });
        go({ name: 'article', id: a.id });
      } }, h('span', { class: 'title', text: a.title }), a.snippet ? h('span', { class: 'snippet' }, sanitize(a.snippet, MARK_ONLY)) : ''))));
  }
  function suggestionBlock(found) {
    const source = found.source || 'popular';
    return [h('h2', { 'data-lantern': 'suggestions-title', text: source === 'popular' ? t('popular') : t('suggested') }),
      suggestionList(found.articles, source, found.rule || undefined)];
  }
  /// While the visitor types the subject, up to three matching articles under it.
  function formOpened(form) {
    track('contact_form_opened');
    const subject = form.querySelector('#f-subject');
    if (!subject) return;
    const box = h('div', { class: 'form-suggestions', 'data-lantern': 'form-suggestions', 'aria-live': 'polite' });
    subject.closest('.field').after(box);
    let timer = 0, shown = '', asked = 0;
    const look = async () => {
      const phrase = subject.value.trim(), mine = ++asked;
      if (phrase.length < 3) { shown = ''; return box.replaceChildren(); }
      try {
        const r = await get(`${API}/widgets/${widgetId}/articles?query=${encodeURIComponent(phrase)}&per_page=3${loc('&')}`);
        if (mine !== asked || !main.contains(box)) return;
        const ids = r.articles.map((a) => a.id).join(',');
        if (ids === shown) return;
        shown = ids;
        box.replaceChildren(...(r.articles.length ? [h('p', { class: 'note', text: t('formSuggest') }), suggestionList(r.articles.slice(0, 3), 'form')] : []));
      } catch (e) { /* suggestions are a help, never in the way */ }
    };
    subject.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(look, 350); });
    if (subject.value.trim()) look();
  }

  // ---- "not helpful": why? -------------------------------------------------------------------------------------
  function askWhy(id, helpful, thanks) {
    const section = thanks.closest('.votes');
    const old = section && section.querySelector('.why');
    if (old) old.remove();
    if (helpful || !section) return;
    const reasons = ['outdated', 'unclear', 'incomplete', 'wrong_topic', 'other'];
    const comment = h('textarea', { id: 'f-why', rows: '3', maxlength: '1000', 'data-lantern': 'feedback-comment' });
    const problem = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { class: 'why', novalidate: true },
      h('fieldset', null, h('legend', { text: t('why') }), reasons.map((r) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name: 'reason', value: r, 'data-lantern': 'feedback-reason' }), ' ', t(r)))),
      h('div', { class: 'field' }, h('label', { for: 'f-why', text: t('comment') }), comment), problem,
      h('button', { type: 'submit', class: 'secondary', 'data-lantern': 'feedback-submit' }, t('sendFeedback')));
    form.addEventListener('change', () => { problem.textContent = ''; });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const picked = form.querySelector('input[name=reason]:checked');
      if (!picked) { problem.textContent = t('chooseReason'); return; }
      try {
        await call(`${API}/widgets/${widgetId}/articles/${id}/feedback`, { method: 'POST',
          body: { helpful: false, visitor_id: visitorId(), reason: picked.value, comment: comment.value.trim() || undefined } });
        form.replaceWith(h('p', { class: 'thanks', role: 'status', 'data-lantern': 'feedback-sent', text: t('feedbackSent') }));
      } catch (err) {
        problem.textContent = err.offline ? t('offline') : err.status === 422 && err.fields ? String(Object.values(err.fields)[0]) : t('error');
      }
    });
    section.append(form);
  }

  // ---- analytics: what happened, with a random id that changes every day -----------------------------------------
  // Events wait a moment and leave in batches (at once when the page is hidden); a search counts once the visitor
  // stops typing, opens a result or leaves, so "pas", "pass", "password" is one search.
  const queued = [];
  let sendTimer = 0, pendingSearch = null, settleTimer = 0, memoryVisit = null;
  function visitId() {
    const day = new Date().toISOString().slice(0, 10);
    try {
      const [keptDay, kept] = (w.localStorage.getItem('lantern.visit') || '').split(':');
      if (keptDay === day && /^[A-Za-z0-9_-]{22}$/.test(kept)) return kept;
    } catch (e) { /* storage blocked */ }
    if (!memoryVisit || memoryVisit.day !== day) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      memoryVisit = { day, id: btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') };
    }
    try { w.localStorage.setItem('lantern.visit', day + ':' + memoryVisit.id); } catch (e) { /* memory only */ }
    return memoryVisit.id;
  }
  function track(type, fields) {
    queued.push(Object.assign({ type }, fields));
    if (queued.length >= 20) sendEvents();
    else if (!sendTimer) sendTimer = setTimeout(sendEvents, 2000);
  }
  function sendEvents(leaving) {
    clearTimeout(sendTimer);
    sendTimer = 0;
    while (queued.length) {
      const headers = { 'Content-Type': 'application/json' };
      if (session) headers.Authorization = 'Bearer ' + session.token;
      fetch(`${API}/widgets/${widgetId}/events`, { method: 'POST', headers, credentials: 'omit', keepalive: !!leaving,
        body: JSON.stringify({ visitor_id: visitId(), events: queued.splice(0, 50) }) }).catch(() => {});
    }
  }
  function searched(query, total, timing) {
    const engine = ((timing || '').match(/desc=(memory|database)/) || [])[1];
    settleSearch(query);
    pendingSearch = { query, results: total, engine };
    clearTimeout(settleTimer);
    settleTimer = setTimeout(settleSearch, 1500);
  }
  /// Records the search waiting to settle, unless the visitor is still typing it (`next` extends or trims it).
  function settleSearch(next) {
    clearTimeout(settleTimer);
    const typing = next && pendingSearch && (next.startsWith(pendingSearch.query) || pendingSearch.query.startsWith(next));
    if (pendingSearch && !typing) track('search', pendingSearch);
    pendingSearch = null;
  }
  function clickTracked(list, query, articles) {
    list.querySelectorAll('.result').forEach((button, i) => button.addEventListener('click', () => {
      settleSearch();
      track('result_click', { query, rank: i + 1, article_id: articles[i].id });
    }, true));
    return list;
  }
  const leave = () => { settleSearch(); sendEvents(true); };
  w.addEventListener('pagehide', leave);
  d.addEventListener('visibilitychange', () => { if (d.visibilityState === 'hidden') leave(); });

  if (!widgetId) return main.replaceChildren(state('error', t('error')));
  if (embedded) post({ type: 'ready' });
  else start(null, null); // opened on its own (by a developer, say): no page to talk to
})();
