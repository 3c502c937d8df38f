/*! Lantern help widget loader — plain JS, no dependencies. Embedding guide: docs/embedding.md */
(() => {
  'use strict';
  const w = window, d = document;
  if (w.__lanternLoader) return; // loaded twice: the first copy rules
  w.__lanternLoader = true;

  const SCRIPT_PATH = /\/(widget\/v1\/loader|widgets\/([1-9]\d*))\.js(\?|$)/; // ours, or Freshdesk's /widgets/{id}.js
  const script = d.currentScript || [...d.scripts].reverse().find((s) => SCRIPT_PATH.test(s.src));
  const ORIGIN = new URL(script.src, location.href).origin;
  const BASE = ORIGIN + '/widget/v1';
  const settings = w.lanternSettings || {};
  const fw = w.fwSettings || {};
  // A Lantern or Freshdesk widget id (the config tells the Lantern one).
  const widgetId = String(settings.widgetId ?? fw.widget_id ?? (script.src.match(SCRIPT_PATH) || [])[2] ?? '');
  const locale = typeof (settings.locale ?? fw.locale) === 'string' ? (settings.locale ?? fw.locale) : null;
  const UI = {
    en: { launcher: 'Help', title: 'Help panel' },
    fr: { launcher: 'Aide', title: "Panneau d'aide" },
  };

  // Calls queued by either stub, in order.
  const queue = [...((w.Lantern && w.Lantern.q) || []), ...((w.FreshworksWidget && w.FreshworksWidget.q) || [])];
  let ready = false;

  let warned = 0; // a command that warned needs no general warning
  const warn = (text) => { warned++; console.warn('Lantern: ' + text); };
  const isObj = (v) => Object.prototype.toString.call(v) === '[object Object]';
  const onlyKeys = (o, keys) => isObj(o) && Object.keys(o).every((k) => keys.includes(k));
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

  let booted = false, config = null, root = null, launcher = null, frame = null, frameReady = false;
  let isOpen = false, hidden = false, launcherHidden = false, lang = null;
  let token = null, callback = null, renewTimer = 0, lastCallback = 0, failures = 0;
  let labels = {}, prefill = {}, identity = {}, pendingView = null, sheet = null;
  // The form's hidden and read-only fields, removed choices.
  const form = { hidden: [], disabled: [], choices: {} };

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
    // Before the frame is ready, its init message carries the state.
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
    try { // a constructed style sheet works under a strict style-src
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
    frame.src = `${BASE}/widgets/${encodeURIComponent(config.id)}/frame#origin=${encodeURIComponent(location.origin)}`;
    root.insertBefore(frame, launcher);
  }

  function open(view) {
    if (view) pendingView = view;
    if (!frame) createFrame();
    isOpen = true;
    hidden = false; // open shows a hidden widget (Freshdesk)
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

  // Ask the page for a fresh token before the session ends, and when it is refused.
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
        post({ type: 'init', locale, labels, prefill, identity, token, renewable: !!callback, view: pendingView, form });
        pendingView = null;
        postSuggestion();
        if (isOpen) { frame.focus(); post({ type: 'focus' }); }
        break;
      case 'close': close(true); break;
      case 'lang': lang = pickLang(m.lang); render(); break;
      case 'session': { // signed in; expiresIn is the server's
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

  // A command keeps what it understands, warning about the rest; false: it kept nothing (`run` warns).
  const FIELDS = 'name, email, subject, description, priority, type, custom_fields.cf_…';
  const USAGE = {
    authenticate: "{token: '<JWT from your server>', callback: function} (callback optional)",
    open: "no argument, 'ticketForm', or 'article' with {id: <article id>}",
    hide: `no argument, 'launcher', or 'ticketForm' and a field or a list (${FIELDS})`,
    prefill: `'ticketForm' and {${FIELDS.replace('.cf_…', ': {cf_…}')}}`,
    identify: "'ticketForm' and {name, email} (strings)",
    setLabels: '{<language>: {launcher, banner, contact_form: {title, submit, confirmation}}} with strings',
    disable: `'ticketForm' and a field or a list (${FIELDS})`,
    hideChoices: "'ticketForm' and {priority: [], type: [], custom_fields: {cf_…: []}}",
    clear: "'ticketForm'",
    suggest: "one of {articles: [up to 5 article ids]}, {search: 'a phrase'} or {url: true}",
  };
  USAGE.show = USAGE.hide;
  const LANG_KEY = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
  const commands = {
    authenticate(a) {
      const got = isObj(a[0]) && keep('authenticate', a, 1, a[0], { token: (v) => isText(v) && v !== '', callback: (v) => v == null || typeof v === 'function' });
      if (!got || !got.token) return false;
      token = got.token;
      callback = got.callback || null;
      post({ type: 'authenticate', token, renewable: !!callback });
    },
    logout(a) {
      extra('logout', a, 0);
      token = null; callback = null; failures = 0;
      clearTimeout(renewTimer);
      post({ type: 'logout' });
    },
    open(a) {
      const [target, arg] = a;
      if (!a.length) return open(null);
      if (target === 'ticketForm') return extra('open', a, 1), open({ name: 'form' });
      const got = target === 'article' && isObj(arg) && keep('open', a, 2, arg, { id: isId });
      if (!got || !got.id) return false;
      open({ name: 'article', id: Number(got.id) });
    },
    close(a) {
      extra('close', a, 0);
      close(!!frame && d.activeElement === frame);
    },
    hide(a) { return toggle('hide', a, true); },
    show(a) { return toggle('show', a, false); },
    prefill(a) {
      if (a[0] !== 'ticketForm' || !isObj(a[1])) return false;
      // Freshdesk's optional {formId}: Lantern has one form.
      const got = keep('prefill', a, isObj(a[2]) && onlyKeys(a[2], ['formId']) ? 3 : 2, a[1], PREFILL);
      if (got.custom_fields && !Object.keys(got.custom_fields = custom('prefill', got.custom_fields, isValue)).length) delete got.custom_fields;
      if (!Object.keys(got).length) return false;
      Object.assign(prefill, got, { custom_fields: Object.assign({}, prefill.custom_fields, got.custom_fields) });
      post({ type: 'prefill', fields: got });
    },
    identify(a) {
      const got = a[0] === 'ticketForm' && isObj(a[1]) && keep('identify', a, 2, a[1], { name: isText, email: isText });
      if (!got || !Object.keys(got).length) return false;
      Object.assign(identity, got);
      post({ type: 'identify', fields: got });
    },
    setLabels(a) {
      const [arg] = a;
      if (!isObj(arg)) return false;
      extra('setLabels', a, 1);
      let any = false;
      for (const k of Object.keys(arg)) {
        if (!LANG_KEY.test(k) || !isObj(arg[k])) { warn(`setLabels: ignored ${show(k)}, not a language with its labels.`); continue; }
        const got = keep('setLabels', [], 0, arg[k], { launcher: isText, banner: isText, contact_form: isObj });
        if (got.contact_form && !Object.keys(got.contact_form = keep('setLabels', [], 0, got.contact_form, { title: isText, submit: isText, confirmation: isText })).length) delete got.contact_form;
        if (Object.keys(got).length) labels[k.toLowerCase()] = got, any = true;
      }
      if (!any) return false;
      render();
      post({ type: 'labels', labels });
    },
    disable(a) { return a[0] === 'ticketForm' && formFields('disable', a, 'disabled', true); },
    hideChoices(a) {
      const got = a[0] === 'ticketForm' && isObj(a[1]) && keep('hideChoices', a, 2, a[1], { priority: isList, type: isList, custom_fields: isObj });
      if (!got) return false;
      for (const [k, list] of Object.entries(custom('hideChoices', got.custom_fields || {}, isList))) got['custom_fields.' + k] = list;
      delete got.custom_fields;
      if (!Object.keys(got).length) return false;
      Object.assign(form.choices, got);
      post({ type: 'form', form });
    },
    clear(a) {
      if (a[0] !== 'ticketForm') return false;
      extra('clear', a, 1);
      prefill = {}; identity = {};
      post({ type: 'clear' });
    },
    suggest(a) {
      const [o] = a, [k, more] = isObj(o) ? Object.keys(o) : [], v = k && o[k];
      if (a.length > 1 || more || !(k === 'articles' ? Array.isArray(v) && v.length && v.length < 6 && v.every(isId)
        : k === 'search' ? isText(v) && v.trim() && v.length <= 200 : k === 'url' && v === true)) return false;
      suggestion = k === 'articles' ? { articles: v.map(Number) } : k === 'search' ? { search: v.trim() } : { url: 1 };
      postSuggestion();
    },
    destroy(a) {
      extra('destroy', a, 0);
      if (root) root.remove();
      if (sheet && sheet.remove) sheet.remove();
      else if (sheet) d.adoptedStyleSheets = d.adoptedStyleSheets.filter((s) => s !== sheet);
      w.removeEventListener('message', onFrameMessage);
      clearTimeout(renewTimer);
      root = launcher = frame = null;
      frameReady = booted = isOpen = false;
    },
    boot(a) {
      extra('boot', a, 0);
      if (booted) return;
      booted = true;
      w.addEventListener('message', onFrameMessage);
      mount();
    },
  };
  function toggle(name, a, value) {
    if (a[0] === 'ticketForm') return formFields(name, a, 'hidden', value);
    if (a.length && a[0] !== 'launcher') return false;
    extra(name, a, a.length ? 1 : 0);
    if (a.length) launcherHidden = value; else hidden = value;
    if (hidden) isOpen = false;
    render();
  }

  // Suggestions: this URL's rules (followed as it changes), or `suggest`'s.
  let suggestion = { url: location.href };
  function postSuggestion() {
    if (suggestion.url) suggestion = { url: location.href };
    post({ type: 'suggest', suggestion });
  }
  const followURL = () => { if (suggestion.url && suggestion.url !== location.href) postSuggestion(); };
  w.addEventListener('popstate', followURL);
  w.addEventListener('hashchange', followURL);
  const isText = (v) => typeof v === 'string';
  const isId = (v) => (typeof v === 'number' || isText(v)) && /^[1-9]\d{0,17}$/.test(String(v));
  const isValue = (v) => ['string', 'number', 'boolean'].includes(typeof v);
  const isList = (v) => Array.isArray(v) && v.every(isValue);
  const show = (v) => typeof v === 'function' ? 'a function' : JSON.stringify(v) ?? String(v);
  const FIELD = /^(name|email|subject|description|priority|type|custom_fields\.cf_\w{1,60})$/;
  // No status, group_id, product_id: new tickets are open, ungrouped.
  const PREFILL = { subject: isText, description: isText, name: isText, email: isText, type: isText,
    priority: (v) => [1, 2, 3, 4].includes(v), custom_fields: isObj };
  /// What `checks` accepts of `o`, warning about the rest and arguments past `expected`.
  function keep(name, a, expected, o, checks) {
    extra(name, a, expected);
    const got = {};
    for (const k of Object.keys(o)) {
      if (!has(checks, k)) warn(`${name}: ignored unknown key ${show(k)}.`);
      else if (!checks[k](o[k])) warn(`${name}: ignored ${k}: ${show(o[k])}.`);
      else got[k] = o[k];
    }
    return got;
  }
  function custom(name, o, valid) {
    const got = {};
    for (const k of Object.keys(o)) {
      if (!/^cf_\w{1,60}$/.test(k) || !valid(o[k])) warn(`${name}: ignored custom_fields.${k}: ${show(o[k])}.`);
      else got[k] = o[k];
    }
    return got;
  }
  function extra(name, a, expected) {
    for (const x of a.slice(expected)) warn(`${name}: ignored extra argument ${show(x)}.`);
  }
  /// hide / show / disable 'ticketForm' [fields] (or one field).
  function formFields(name, a, list, value) {
    const given = isText(a[1]) ? [a[1]] : Array.isArray(a[1]) ? a[1] : [];
    extra(name, a, 2);
    const names = given.filter((f) => FIELD.test(f) || warn(`${name}: ignored unknown field ${show(f)}.`));
    if (!names.length) return false;
    form[list] = value ? [...new Set([...form[list], ...names])] : form[list].filter((f) => !names.includes(f));
    post({ type: 'form', form });
  }

  function run(command, args) {
    if (typeof command !== 'string' || !has(commands, command)) {
      return warn(`unknown command ${JSON.stringify(command)}; known commands: ${Object.keys(commands).join(', ')}.`);
    }
    if (!booted && command !== 'boot' && command !== 'destroy') {
      return warn(`the widget was destroyed; call Lantern('boot') before ${command}.`);
    }
    const before = warned;
    if (commands[command](args) === false && warned === before) warn(`${command} takes ${USAGE[command] || 'no arguments'}.`);
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
  // The only request before the widget opens.
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
