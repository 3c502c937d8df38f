/*! Lantern help widget loader — plain JS, no dependencies. Embedding guide: docs/embedding.md */
(() => {
  'use strict';
  const w = window, d = document;
  if (w.__lanternLoader) return; // loaded twice: the first copy stays in charge
  w.__lanternLoader = true;

  const script = d.currentScript || [...d.scripts].reverse().find((s) => /\/widget\/v1\/loader\.js(\?|$)/.test(s.src));
  const ORIGIN = new URL(script.src, location.href).origin;
  const BASE = ORIGIN + '/widget/v1';
  const settings = w.lanternSettings || {};
  const fw = w.fwSettings || {};
  const widgetId = String(settings.widgetId ?? fw.widget_id ?? '');
  const locale = typeof (settings.locale ?? fw.locale) === 'string' ? (settings.locale ?? fw.locale) : null;
  const UI = {
    en: { launcher: 'Help', title: 'Help panel' },
    fr: { launcher: 'Aide', title: "Panneau d'aide" },
  };

  // Calls made before the loader arrived, from either stub, in order.
  const queue = [...((w.Lantern && w.Lantern.q) || []), ...((w.FreshworksWidget && w.FreshworksWidget.q) || [])];
  let ready = false;

  const warn = (text) => console.warn('Lantern: ' + text);
  // A plain object (not null, an array, a date…) whose keys are all among `keys` / whose values are all strings.
  const isObj = (v) => Object.prototype.toString.call(v) === '[object Object]';
  const onlyKeys = (o, keys) => isObj(o) && Object.keys(o).every((k) => keys.includes(k));
  const onlyStrings = (o, keys) => onlyKeys(o, keys) && Object.keys(o).every((k) => typeof o[k] === 'string');

  // Widget state.
  let booted = false, config = null, root = null, launcher = null, frame = null, frameReady = false;
  let isOpen = false, hidden = false, launcherHidden = false, lang = null;
  let token = null, callback = null, renewTimer = 0, lastCallback = 0, failures = 0;
  let labels = {}, prefill = {}, identity = {}, pendingView = null, sheet = null;

  const CSS = `#lantern-widget{position:fixed;right:16px;bottom:16px;z-index:2147483000;display:flex;flex-direction:column;align-items:flex-end;gap:12px;max-width:calc(100vw - 16px)}
#lantern-widget [data-lantern=launcher]{all:initial;box-sizing:border-box;display:inline-flex;align-items:center;gap:8px;cursor:pointer;font:600 16px/1 system-ui,sans-serif;color:#fff;background:#2d4bb3;border-radius:24px;padding:12px 18px;box-shadow:0 2px 10px rgba(0,0,0,.25)}
#lantern-widget [data-lantern=launcher]:hover{background:#23398a}
#lantern-widget [data-lantern=launcher]:focus-visible{outline:3px solid #f5a623;outline-offset:3px}
#lantern-widget iframe{border:0;border-radius:12px;box-shadow:0 6px 30px rgba(0,0,0,.3);background:#fff;width:min(380px,calc(100vw - 16px));height:min(620px,calc(100vh - 96px))}
@media (max-width:480px){#lantern-widget{right:8px;bottom:8px}#lantern-widget iframe{height:calc(100vh - 80px)}}`;

  function pickLang(code) {
    if (typeof code !== 'string') return null;
    const c = code.toLowerCase();
    return UI[c] ? c : UI[c.split('-')[0]] ? c.split('-')[0] : null;
  }
  const uiLang = () => pickLang(locale) || lang || pickLang(config && config.default_language) || 'en';

  function post(message) {
    message.lantern = 1;
    // Before the frame is ready, nothing is lost: its init message carries the whole state.
    if (frame && frameReady) frame.contentWindow.postMessage(message, ORIGIN);
  }

  function render() {
    if (!root) return;
    const l = uiLang(), custom = labels[l] || {};
    launcher.textContent = custom.launcher || UI[l].launcher;
    launcher.setAttribute('aria-expanded', String(isOpen));
    launcher.style.display = hidden || launcherHidden ? 'none' : '';
    root.style.display = hidden ? 'none' : '';
    if (frame) {
      frame.style.display = isOpen ? '' : 'none';
      frame.title = UI[l].title;
    }
  }

  function mount() {
    root = d.createElement('div');
    root.id = 'lantern-widget';
    launcher = d.createElement('button');
    launcher.type = 'button';
    launcher.setAttribute('data-lantern', 'launcher');
    launcher.setAttribute('aria-haspopup', 'dialog');
    launcher.setAttribute('aria-controls', 'lantern-frame');
    launcher.addEventListener('click', () => (isOpen ? close(true) : open(null)));
    root.appendChild(launcher);
    try { // Constructed style sheets work under a strict style-src; fall back to a style element.
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      d.adoptedStyleSheets = [...d.adoptedStyleSheets, sheet];
    } catch (e) {
      sheet = d.createElement('style');
      sheet.textContent = CSS;
      d.head.appendChild(sheet);
    }
    d.body.appendChild(root);
    render();
  }

  function createFrame() {
    frame = d.createElement('iframe');
    frame.id = 'lantern-frame';
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox');
    frame.src = `${BASE}/widgets/${encodeURIComponent(widgetId)}/frame#origin=${encodeURIComponent(location.origin)}`;
    root.insertBefore(frame, launcher);
  }

  function open(view) {
    if (view) pendingView = view;
    if (!frame) createFrame();
    isOpen = true;
    render();
    if (frameReady) {
      if (view) post({ type: 'open', view });
      frame.focus();
      post({ type: 'focus' });
    }
  }

  function close(returnFocus) {
    if (!isOpen) return;
    isOpen = false;
    render();
    if (returnFocus && !launcherHidden && !hidden) launcher.focus();
  }

  // Token renewal: ask the page for a fresh token a while before the session ends, and when it is refused.
  function askForToken() {
    clearTimeout(renewTimer);
    if (!callback) return;
    const wait = lastCallback + 2000 - Date.now();
    if (wait > 0) { renewTimer = setTimeout(askForToken, wait); return; }
    lastCallback = Date.now();
    try { callback(); } catch (e) { warn('the authenticate callback threw: ' + e); }
  }

  function onFrameMessage(event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== ORIGIN) return;
    const m = event.data;
    if (!isObj(m) || m.lantern !== 1) return;
    switch (m.type) {
      case 'ready':
        frameReady = true;
        frame.contentWindow.postMessage({ lantern: 1, type: 'init', locale, labels, prefill, identity, token,
          renewable: !!callback, view: pendingView }, ORIGIN);
        pendingView = null;
        postSuggestion();
        if (isOpen) { frame.focus(); post({ type: 'focus' }); }
        break;
      case 'close': close(true); break;
      case 'lang': lang = pickLang(m.lang); render(); break;
      case 'session': { // the frame signed in; m.expiresIn comes from the server's answer, not from the page
        failures = 0;
        clearTimeout(renewTimer);
        const left = Number(m.expiresIn) || 0;
        const lead = Math.min(300, Math.max(5, left / 4));
        if (callback) renewTimer = setTimeout(askForToken, Math.max(1, left - lead) * 1000);
        break;
      }
      case 'session_lost': // expired, reset secret, refused token…
        clearTimeout(renewTimer);
        if (m.reason === 'token_rejected' && ++failures > 3) { warn('the token was refused several times; giving up until the next authenticate.'); break; }
        askForToken();
        break;
    }
  }

  // Every command checks all its arguments (types, targets, keys, how many) before it changes anything; a bad
  // call logs one warning and does nothing else.
  const bad = (text) => warn(text);
  const LANG_KEY = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
  const commands = {
    authenticate(a) {
      const [arg] = a;
      if (a.length !== 1 || !onlyKeys(arg, ['token', 'callback']) || typeof arg.token !== 'string' || !arg.token ||
          (arg.callback != null && typeof arg.callback !== 'function')) {
        return bad("authenticate needs {token: '<JWT signed by your server>', callback: function} (callback optional).");
      }
      token = arg.token;
      callback = arg.callback || null;
      if (frame) post({ type: 'authenticate', token, renewable: !!callback });
    },
    logout(a) {
      if (a.length) return bad('logout takes no arguments.');
      token = null; callback = null; failures = 0;
      clearTimeout(renewTimer);
      if (frame) post({ type: 'logout' });
    },
    open(a) {
      const [target, arg] = a;
      if (!a.length) return open(null);
      if (target === 'ticketForm' && a.length === 1) return open({ name: 'form' });
      if (target === 'article' && a.length === 2 && onlyKeys(arg, ['id']) && /^[1-9]\d{0,17}$/.test(String(arg.id)) &&
          (typeof arg.id === 'number' || typeof arg.id === 'string')) return open({ name: 'article', id: Number(arg.id) });
      bad("open takes no argument, 'ticketForm', or 'article' with {id: <article id>}.");
    },
    close(a) {
      if (a.length) return bad('close takes no arguments.');
      close(!!frame && d.activeElement === frame);
    },
    hide(a) { toggle('hide', a, true); },
    show(a) { toggle('show', a, false); },
    prefill(a) {
      const [form, fields] = a;
      if (a.length !== 2 || form !== 'ticketForm' || !onlyStrings(fields, ['subject', 'description', 'name', 'email'])) {
        return bad("prefill needs 'ticketForm' and an object of strings among subject, description, name, email.");
      }
      Object.assign(prefill, fields);
      if (frame) post({ type: 'prefill', fields });
    },
    identify(a) {
      const [form, fields] = a;
      if (a.length !== 2 || form !== 'ticketForm' || !onlyStrings(fields, ['name', 'email'])) {
        return bad("identify needs 'ticketForm' and {name, email} (strings).");
      }
      Object.assign(identity, fields);
      if (frame) post({ type: 'identify', fields });
    },
    setLabels(a) {
      const [arg] = a;
      const ok = a.length === 1 && isObj(arg) && Object.keys(arg).every((k) => LANG_KEY.test(k) && isObj(arg[k]) &&
        Object.keys(arg[k]).every((f) => f === 'contact_form' ? onlyStrings(arg[k][f], ['title', 'submit', 'confirmation'])
          : ['launcher', 'banner'].includes(f) && typeof arg[k][f] === 'string'));
      if (!ok) return bad('setLabels needs {<language>: {launcher, banner, contact_form: {title, submit, confirmation}}} with strings.');
      for (const k of Object.keys(arg)) labels[k.toLowerCase()] = arg[k];
      render();
      if (frame) post({ type: 'labels', labels });
    },
    destroy(a) {
      if (a.length) return bad('destroy takes no arguments.');
      if (root) root.remove();
      if (sheet && sheet.remove) sheet.remove();
      else if (sheet) d.adoptedStyleSheets = d.adoptedStyleSheets.filter((s) => s !== sheet);
      w.removeEventListener('message', onFrameMessage);
      clearTimeout(renewTimer);
      root = launcher = frame = null;
      frameReady = booted = isOpen = false;
    },
    boot(a) {
      if (a.length) return bad('boot takes no arguments.');
      if (booted) return;
      booted = true;
      w.addEventListener('message', onFrameMessage);
      mount();
    },
  };
  function toggle(name, a, value) {
    if (a.length > 1 || (a.length === 1 && a[0] !== 'launcher')) {
      return bad(`${name} takes no argument (the whole widget) or 'launcher'.`);
    }
    if (a.length) launcherHidden = value; else hidden = value;
    if (hidden) isOpen = false;
    render();
  }

  // ---- suggestions: what the panel opens on ------------------------------------------------------------------
  // By default the page rules for this page's URL; `Lantern('suggest', …)` lets a single-page app say what to
  // suggest as it navigates: {articles: [ids]} (up to 5), {search: 'phrase'}, or {url: true} (this page's URL again).
  let suggestion = { url: location.href };
  function postSuggestion() {
    if (suggestion.url) suggestion = { url: location.href };
    post({ type: 'suggest', suggestion });
  }
  const isId = (v) => (typeof v === 'number' || typeof v === 'string') && /^[1-9]\d{0,17}$/.test(String(v));
  commands.suggest = (a) => {
    const [arg] = a;
    const keys = isObj(arg) ? Object.keys(arg) : [];
    const ok = a.length === 1 && keys.length === 1 && (
      (keys[0] === 'articles' && Array.isArray(arg.articles) && arg.articles.length >= 1 && arg.articles.length <= 5 && arg.articles.every(isId)) ||
      (keys[0] === 'search' && typeof arg.search === 'string' && arg.search.trim() !== '' && arg.search.length <= 200) ||
      (keys[0] === 'url' && arg.url === true));
    if (!ok) return bad("suggest needs one of {articles: [up to 5 article ids]}, {search: 'a phrase'} or {url: true}.");
    suggestion = arg.articles ? { articles: arg.articles.map(Number) } : arg.search ? { search: arg.search.trim() } : { url: location.href };
    postSuggestion();
  };
  // A page that changes its URL without loading (history, hash) gets the rules of its new URL, unless it said otherwise.
  const followURL = () => { if (suggestion.url && suggestion.url !== location.href) postSuggestion(); };
  w.addEventListener('popstate', followURL);
  w.addEventListener('hashchange', followURL);

  function run(command, args) {
    if (typeof command !== 'string' || !Object.prototype.hasOwnProperty.call(commands, command)) {
      return warn(`unknown command ${JSON.stringify(command)}; known commands: ${Object.keys(commands).join(', ')}.`);
    }
    if (!booted && command !== 'boot' && command !== 'destroy') {
      return warn(`the widget was destroyed; call Lantern('boot') before ${command}.`);
    }
    commands[command](args);
  }

  function api(command, ...args) {
    if (!ready) { queue.push([command, ...args]); return; }
    try { run(command, args); } catch (e) { warn(`${command} failed: ${e}`); }
  }
  w.Lantern = api;
  w.FreshworksWidget = api;

  if (!/^[1-9]\d*$/.test(widgetId)) {
    warn('set window.lanternSettings = {widgetId: <your widget id>} before loading loader.js.');
    return;
  }
  // The only request before the visitor opens the widget: its public config (language, whether it exists here).
  fetch(`${BASE}/widgets/${widgetId}`, { credentials: 'omit' })
    .then((r) => r.json().then((body) => {
      if (!r.ok) throw new Error((body.error && body.error.message) || r.status);
      return body;
    }))
    .then((body) => {
      config = body;
      const start = () => {
        ready = true;
        commands.boot([]);
        queue.splice(0).forEach((call) => api(...call));
      };
      if (d.body) start(); else d.addEventListener('DOMContentLoaded', start);
    })
    .catch((e) => warn(`could not load widget ${widgetId} from ${ORIGIN} (${e.message || e}). ` +
      "Check the widget id, and that this site's origin is among the widget's allowed origins."));
})();
