/*! Lantern's article editor: plain JavaScript, no dependencies. It turns each `textarea[data-editor]` of the agent
    portal into a rich-text editor (`data-lantern="editor"`), keeping the textarea as the HTML source view
    (`data-lantern="editor-source"`) and as what the form sends. Everything the editor holds, loads, pastes or saves
    goes through `clean`, which writes exactly the HTML Lantern's sanitiser keeps (HTMLSanitizer.swift): what the
    agent sees is what visitors get. Without JavaScript the textarea stays as it is. */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------------------------------------------
  // The cleaner: any HTML (the editor's own, Word's, Google Docs', a web page's) to the sanitiser's canonical form.
  // ---------------------------------------------------------------------------------------------------------------

  var DROPPED = set('SCRIPT STYLE HEAD TITLE META LINK TEMPLATE NOSCRIPT SVG MATH IFRAME OBJECT EMBED TEXTAREA SELECT ' +
    'OPTION BUTTON INPUT CANVAS VIDEO AUDIO XML O:P W:SDT COLGROUP COL');
  var INLINE_TAGS = { B: 'strong', STRONG: 'strong', I: 'em', EM: 'em', CITE: 'em', DFN: 'em', VAR: 'em', U: 'u',
    INS: 'u', S: 's', STRIKE: 's', DEL: 's', SUP: 'sup', SUB: 'sub', MARK: 'mark' };
  var CODE_TAGS = set('CODE KBD SAMP TT');
  var BLOCK_TAGS = set('P DIV SECTION ARTICLE HEADER FOOTER MAIN NAV ASIDE ADDRESS CENTER FIGURE FIGCAPTION BODY HTML ' +
    'DL DT DD DETAILS SUMMARY FORM FIELDSET LEGEND H1 H2 H3 H4 H5 H6 UL OL LI BLOCKQUOTE PRE TABLE THEAD TBODY TFOOT ' +
    'TR TD TH HR CAPTION');
  var HEADINGS = { H1: 'h2', H2: 'h2', H3: 'h3', H4: 'h4', H5: 'h4', H6: 'h4' };
  var CALLOUTS = ['callout-note', 'callout-warning'];
  var MONOSPACE = /(^|[\s,"'])(courier|consolas|monaco|menlo|monospace|source code pro|roboto mono|lucida console)/i;

  function set(words) {
    var s = {};
    words.split(' ').forEach(function (w) { s[w] = true; });
    return s;
  }

  /** Text escaped as the sanitiser escapes it (`HTMLSanitizer.escape`). */
  function esc(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** `HTMLSanitizer.safeURL`: http(s), mailto and relative URLs; images only http(s) and relative. */
  function safeURL(raw, image) {
    if (raw == null) return null;
    var url = '';
    for (var i = 0; i < raw.length; i++) {
      var code = raw.charCodeAt(i);
      if (code > 0x20 && code !== 0x7f) url += raw[i];
    }
    if (!url) return null;
    var colon = url.indexOf(':');
    if (colon >= 0 && !/[\/?#]/.test(url.slice(0, colon))) {
      var scheme = url.slice(0, colon).toLowerCase();
      var allowed = image ? ['http', 'https'] : ['http', 'https', 'mailto'];
      return allowed.indexOf(scheme) >= 0 ? url : null;
    }
    return url;
  }

  /** A whole number of at most five digits, as the sanitiser keeps for `width` and `height`. */
  function dimension(value) {
    return value != null && /^[0-9]{1,5}$/.test(value) ? value : null;
  }

  function styleOf(el) {
    return (el.getAttribute && el.getAttribute('style') || '').toLowerCase();
  }

  /** The inline formats a `style` attribute asks for (Google Docs and Word write formatting as styles). */
  function styleFormats(el) {
    var style = styleOf(el);
    var formats = [];
    if (!style) return formats;
    var weight = /font-weight\s*:\s*([a-z0-9]+)/.exec(style);
    if (weight && (weight[1] === 'bold' || weight[1] === 'bolder' || parseInt(weight[1], 10) >= 600)) formats.push('strong');
    if (/font-style\s*:\s*italic/.test(style)) formats.push('em');
    if (/text-decoration[a-z-]*\s*:[^;]*underline/.test(style)) formats.push('u');
    if (/text-decoration[a-z-]*\s*:[^;]*line-through/.test(style)) formats.push('s');
    if (/vertical-align\s*:\s*super/.test(style)) formats.push('sup');
    if (/vertical-align\s*:\s*sub/.test(style)) formats.push('sub');
    if (/font-family\s*:/.test(style) && MONOSPACE.test(style.split('font-family')[1])) formats.push('code');
    return formats;
  }

  function isNormalWeight(el) {
    return /font-weight\s*:\s*(normal|[1-5]00)\b/.test(styleOf(el));
  }

  /** The callout a block is: the editor's own, or GitHub's alerts (note, tip, important; warning, caution). */
  function calloutOf(el) {
    var classes = (el.getAttribute('class') || '').split(/\s+/);
    for (var i = 0; i < CALLOUTS.length; i++) if (classes.indexOf(CALLOUTS[i]) >= 0) return CALLOUTS[i];
    if (/\bmarkdown-alert-(warning|caution)\b/.test(el.getAttribute('class'))) return 'callout-warning';
    if (/\bmarkdown-alert-(note|tip|important)\b/.test(el.getAttribute('class'))) return 'callout-note';
    return null;
  }

  function hasBlock(el) {
    for (var child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1 && !DROPPED[child.nodeName] && (BLOCK_TAGS[child.nodeName] || hasBlock(child))) return true;
    }
    return false;
  }

  /** Word's list paragraphs: `mso-list:l0 level2 lfo1`. */
  function wordListLevel(el) {
    if (el.nodeName !== 'P' && !/^H[1-6]$/.test(el.nodeName)) return 0;
    var match = /mso-list\s*:\s*l\d+\s+level(\d+)/.exec(styleOf(el));
    return match ? parseInt(match[1], 10) : 0;
  }

  /** Whether a Word list item's marker (`1.`, `a)`, `·`) is a number or letter. */
  function wordListOrdered(el) {
    var marker = el.querySelector('[style*="mso-list"]');
    var text = (marker ? marker.textContent : el.textContent).replace(/[\s\u00a0]+/g, '');
    return /^(\(?[0-9]{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,5})[.)]/.test(text);
  }

  function isWordMarker(el) {
    return /mso-list\s*:\s*ignore/.test(styleOf(el));
  }

  /** Inline HTML of `node`'s children; `active` are the formats already open around it. */
  function inline(node, active) {
    var out = '';
    for (var child = node.firstChild; child; child = child.nextSibling) out += inlineNode(child, active);
    return out;
  }

  /** Text without what the server refuses (control characters) or the editor adds (zero-width spaces). */
  function strip(text) {
    return text.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u200b\ufeff]/g, '');
  }

  function inlineNode(node, active) {
    if (node.nodeType === 3) return esc(collapse(node.nodeValue));
    if (node.nodeType !== 1) return '';
    var name = node.nodeName;
    if (DROPPED[name] || isWordMarker(node)) return '';
    if (name === 'BR') return '<br>';
    if (name === 'IMG') return image(node);
    if (CODE_TAGS[name]) {
      if (active.code) return esc(collapse(textOf(node)));
      var code = esc(collapse(textOf(node)));
      return code.trim() ? '<code>' + code + '</code>' : code;
    }
    if (name === 'A') {
      var href = safeURL(node.getAttribute('href'), false);
      if (!href || active.a) return inline(node, active);
      var text = inline(node, with_(active, 'a'));
      return text.trim() ? '<a href="' + esc(href) + '" rel="noopener noreferrer nofollow">' + text + '</a>' : '';
    }
    var formats = [];
    var tag = INLINE_TAGS[name];
    if (tag && !(name === 'B' && isNormalWeight(node))) formats.push(tag);
    styleFormats(node).forEach(function (f) { if (formats.indexOf(f) < 0) formats.push(f); });
    // A link's underline is the link's look (Google Docs writes it as a style), not a format of its own.
    formats = formats.filter(function (f) { return !active[f] && !(f === 'u' && active.a); });
    if (formats.indexOf('code') >= 0) {
      var mono = esc(collapse(textOf(node)));
      return mono.trim() ? '<code>' + mono + '</code>' : mono;
    }
    var inner = inline(node, formats.reduce(with_, active));
    if (BLOCK_TAGS[name]) inner = ' ' + inner + ' ';
    if (!inner.replace(/<br>/g, '').trim() && inner.indexOf('<img') < 0) return inner.indexOf('<br>') >= 0 ? inner : inner.replace(/ +/g, ' ');
    for (var i = formats.length - 1; i >= 0; i--) inner = '<' + formats[i] + '>' + inner + '</' + formats[i] + '>';
    return inner;
  }

  /** The text of `node` without what the cleaner drops (scripts, Word's list markers). */
  function textOf(node) {
    if (node.nodeType === 3) return node.nodeValue;
    if (node.nodeType !== 1 || DROPPED[node.nodeName] || isWordMarker(node)) return '';
    var text = '';
    for (var child = node.firstChild; child; child = child.nextSibling) text += textOf(child);
    return text;
  }

  function with_(active, format) {
    var next = {};
    for (var key in active) next[key] = true;
    next[format] = true;
    return next;
  }

  function collapse(text) {
    return strip(text).replace(/[\s\u00a0]+/g, ' ');
  }

  function image(node) {
    var src = safeURL(node.getAttribute('src'), true);
    if (!src) return '';
    var out = '<img src="' + esc(src) + '"';
    if (node.hasAttribute('alt')) out += ' alt="' + esc(strip(node.getAttribute('alt'))) + '"';
    var width = dimension(node.getAttribute('width')), height = dimension(node.getAttribute('height'));
    if (width) out += ' width="' + width + '"';
    if (height) out += ' height="' + height + '"';
    return out + ' loading="lazy">';
  }

  /** Trims a block's inline HTML: white space and line breaks at its ends go. */
  function trimInline(html) {
    var previous;
    do {
      previous = html;
      html = html.replace(/^(\s|<br>)+/, '').replace(/(\s|<br>)+$/, '');
    } while (html !== previous);
    return html.replace(/ {2,}/g, ' ');
  }

  function isEmptyInline(html) {
    return !html.replace(/<[^>]*>/g, '').trim() && html.indexOf('<img') < 0;
  }

  /** Block HTML of `node`'s children: inline runs become paragraphs. */
  function blocks(node) {
    var out = [];
    var pending = '';
    var flush = function () {
      var text = trimInline(pending);
      if (!isEmptyInline(text)) out.push('<p>' + text + '</p>');
      pending = '';
    };
    var child = node.firstChild;
    while (child) {
      var level = child.nodeType === 1 ? wordListLevel(child) : 0;
      if (level) {
        flush();
        var items = [];
        while (child && (child.nodeType !== 1 || wordListLevel(child) || !child.textContent.trim())) {
          if (child.nodeType === 1 && wordListLevel(child)) {
            items.push({ level: wordListLevel(child), ordered: wordListOrdered(child), html: trimInline(inline(child, {})) });
          }
          child = child.nextSibling;
        }
        out.push(wordList(items, 0).html);
        continue;
      }
      if (child.nodeType === 1 && !DROPPED[child.nodeName] && (BLOCK_TAGS[child.nodeName] || hasBlock(child))) {
        flush();
        out = out.concat(block(child));
      } else if (child.nodeType === 1 && child.nodeName === 'BR') {
        // A line break inside running text stays; one between blocks (as Google Docs writes them) goes.
        if (!isEmptyInline(pending)) pending += '<br>';
      } else {
        pending += inlineNode(child, {});
      }
      child = child.nextSibling;
    }
    flush();
    return out;
  }

  /** Nested lists from Word's numbered paragraphs, from `items[start]` at its level. */
  function wordList(items, start) {
    var level = items[start].level;
    var tag = items[start].ordered ? 'ol' : 'ul';
    var html = '<' + tag + '>';
    var i = start;
    while (i < items.length && items[i].level >= level) {
      if (items[i].level > level) {
        var nested = wordList(items, i);
        html = html.replace(/<\/li>$/, '') + nested.html + (html.slice(-5) === '</li>' ? '</li>' : '');
        i = nested.next;
        continue;
      }
      html += '<li>' + items[i].html + '</li>';
      i++;
    }
    return { html: html + '</' + tag + '>', next: i };
  }

  function block(el) {
    var name = el.nodeName;
    if (HEADINGS[name]) {
      var heading = trimInline(inline(el, {}));
      return isEmptyInline(heading) ? [] : ['<' + HEADINGS[name] + '>' + heading + '</' + HEADINGS[name] + '>'];
    }
    if (name === 'UL' || name === 'OL') return list(el);
    if (name === 'LI') {
      var item = listItem(el);
      return item ? ['<ul><li>' + item + '</li></ul>'] : [];
    }
    if (name === 'BLOCKQUOTE') {
      var quoted = blocks(el);
      return quoted.length ? ['<blockquote>' + quoted.join('') + '</blockquote>'] : [];
    }
    if (name === 'PRE') {
      var text = preText(el).replace(/\r\n?/g, '\n').replace(/\n$/, '');
      return text.trim() ? ['<pre><code>' + esc(text) + '</code></pre>'] : [];
    }
    if (name === 'TABLE') return table(el);
    if (name === 'HR') return ['<hr>'];
    if (name === 'DIV' && calloutOf(el)) {
      var inside = blocks(el);
      return inside.length ? ['<div class="' + calloutOf(el) + '">' + inside.join('') + '</div>'] : [];
    }
    return blocks(el);
  }

  function preText(el) {
    var text = '';
    for (var child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) text += child.nodeValue;
      else if (child.nodeName === 'BR') text += '\n';
      else if (child.nodeType === 1 && !DROPPED[child.nodeName]) {
        text += preText(child);
        if (child.nodeName === 'DIV' || child.nodeName === 'P') text += '\n';
      }
    }
    return strip(text.replace(/\r\n?/g, '\n')).replace(/\u00a0/g, ' ');
  }

  function list(el) {
    var tag = el.nodeName === 'OL' ? 'ol' : 'ul';
    var items = '';
    for (var child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1 && (child.nodeName === 'UL' || child.nodeName === 'OL')) {
        // A list directly inside a list (as some editors write it) belongs to the item before it.
        var nested = list(child).join('');
        items = /<\/li>$/.test(items) ? items.slice(0, -5) + nested + '</li>' : items + '<li>' + nested + '</li>';
      } else if (child.nodeType === 1 && child.nodeName === 'LI') {
        var content = listItem(child);
        if (content) items += '<li>' + content + '</li>';
      } else if (child.nodeType === 3 && child.nodeValue.trim() || child.nodeType === 1 && !DROPPED[child.nodeName]) {
        var loose = trimInline(inlineNode(child, {}));
        if (!isEmptyInline(loose)) items += '<li>' + loose + '</li>';
      }
    }
    if (!items) return [];
    var start = el.getAttribute && dimension(el.getAttribute('start'));
    return ['<' + tag + (tag === 'ol' && start && start !== '1' ? ' start="' + start + '"' : '') + '>' + items + '</' + tag + '>'];
  }

  /** An item's content: its first paragraph inline when only lists follow it (`Linux<ul>…</ul>`), else its blocks. */
  function listItem(li) {
    var parts = blocks(li);
    if (parts.length === 0) return '';
    var onlyLists = parts.slice(1).every(function (part) { return /^<(ul|ol)[ >]/.test(part); });
    if (/^<p>/.test(parts[0]) && onlyLists) parts[0] = parts[0].slice(3, -4);
    return parts.join('');
  }

  function table(el) {
    var head = [], body = [];
    var addRows = function (container, into) {
      for (var row = container.firstChild; row; row = row.nextSibling) {
        if (row.nodeName === 'TR') into.push(tableRow(row));
        else if (row.nodeName === 'THEAD') addRows(row, head);
        else if (row.nodeName === 'TBODY' || row.nodeName === 'TFOOT') addRows(row, into);
      }
    };
    addRows(el, body);
    head = head.filter(Boolean);
    body = body.filter(Boolean);
    if (!head.length && body.length > 1 && body[0].indexOf('<td') < 0) head.push(body.shift());
    if (!head.length && !body.length) return [];
    var caption = el.querySelector && el.querySelector('caption');
    var out = caption ? blocks(caption) : [];
    out.push('<table>' + (head.length ? '<thead>' + head.join('') + '</thead>' : '') +
      (body.length ? '<tbody>' + body.join('') + '</tbody>' : '') + '</table>');
    return out;
  }

  function tableRow(tr) {
    var cells = '';
    for (var cell = tr.firstChild; cell; cell = cell.nextSibling) {
      if (cell.nodeName !== 'TD' && cell.nodeName !== 'TH') continue;
      var tag = cell.nodeName.toLowerCase();
      var attributes = '';
      ['colspan', 'rowspan'].forEach(function (name) {
        var value = dimension(cell.getAttribute(name));
        if (value && value !== '1') attributes += ' ' + name + '="' + value + '"';
      });
      var parts = blocks(cell);
      var content = parts.length === 1 && /^<p>/.test(parts[0]) ? parts[0].slice(3, -4) : parts.join('');
      cells += '<' + tag + attributes + '>' + content + '</' + tag + '>';
    }
    return cells ? '<tr>' + cells + '</tr>' : '';
  }

  /** Any HTML (a string, or a DOM node whose children to read) as the sanitiser's canonical article HTML. */
  function clean(html) {
    var root = html;
    if (typeof html === 'string') {
      root = new DOMParser().parseFromString('<!doctype html><body>' + html, 'text/html').body;
    }
    return blocks(root).join('');
  }

  /** Plain text as paragraphs (a blank line between them) with line breaks. */
  function textToHTML(text) {
    return text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map(function (para) {
      return para.trim() ? '<p>' + esc(para.trim()).replace(/\n/g, '<br>') + '</p>' : '';
    }).join('');
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The editor.
  // ---------------------------------------------------------------------------------------------------------------

  var BUTTONS = [
    ['p', 'Paragraph', 'P', 'Ctrl+Alt+0'], ['h2', 'Heading', 'H2', 'Ctrl+Alt+2'], ['h3', 'Subheading', 'H3', 'Ctrl+Alt+3'],
    ['h4', 'Minor heading', 'H4', 'Ctrl+Alt+4'], ['|'],
    ['strong', 'Bold', 'B', 'Ctrl+B'], ['em', 'Italic', 'I', 'Ctrl+I'], ['code', 'Inline code', '</>', 'Ctrl+E'],
    ['link', 'Link', 'Link', 'Ctrl+K'], ['|'],
    ['ul', 'Bulleted list', '• List', 'Ctrl+Shift+8'], ['ol', 'Numbered list', '1. List', 'Ctrl+Shift+7'],
    ['quote', 'Quote', '❝', 'Ctrl+Shift+9'], ['pre', 'Code block', '{ }', 'Ctrl+Alt+C'], ['table', 'Table', 'Table', ''],
    ['image', 'Image or file', 'Image', ''], ['callout-note', 'Note', 'Note', ''], ['callout-warning', 'Warning', 'Warning', ''], ['|'],
    ['undo', 'Undo', '↶', 'Ctrl+Z'], ['redo', 'Redo', '↷', 'Ctrl+Shift+Z'], ['source', 'HTML source', 'HTML', '']
  ];

  /** Clean HTML as the editor holds it: ending with a paragraph, so that there is always a place to type after a
      table, list or code block (an empty paragraph is not saved). */
  function editable(html) {
    return /<\/p>$/.test(html) ? html : html + '<p><br></p>';
  }

  function Editor(textarea) {
    var self = this;
    this.textarea = textarea;
    this.uploadURL = textarea.getAttribute('data-editor-upload');
    this.csrf = textarea.getAttribute('data-editor-csrf') || '';
    this.history = [];
    this.future = [];
    this.pending = null;

    var wrap = document.createElement('div');
    wrap.className = 'editor';
    var toolbar = document.createElement('div');
    toolbar.className = 'editor-toolbar';
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Formatting');
    BUTTONS.forEach(function (spec) {
      if (spec[0] === '|') { var gap = document.createElement('span'); gap.className = 'editor-gap'; toolbar.appendChild(gap); return; }
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.textContent = spec[2];
      button.title = spec[1] + (spec[3] ? ' (' + spec[3] + ')' : '');
      button.setAttribute('aria-label', spec[1]);
      button.setAttribute('data-command', spec[0]);
      if (spec[0] === 'source') button.setAttribute('aria-pressed', 'false');
      toolbar.appendChild(button);
    });
    var area = document.createElement('div');
    area.className = 'editor-area';
    area.contentEditable = 'true';
    area.setAttribute('role', 'textbox');
    area.setAttribute('aria-multiline', 'true');
    area.setAttribute('data-lantern', 'editor');
    var label = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
    if (label) { label.id = label.id || textarea.id + '-label'; area.setAttribute('aria-labelledby', label.id); }
    var status = document.createElement('p');
    status.className = 'editor-status muted';
    status.setAttribute('role', 'status');
    var picker = document.createElement('input');
    picker.type = 'file';
    picker.hidden = true;
    picker.accept = 'image/png,image/jpeg,image/gif,image/webp,.pdf,.txt,.md,.csv,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.zip';
    picker.multiple = true;

    textarea.parentNode.insertBefore(wrap, textarea);
    wrap.appendChild(toolbar);
    wrap.appendChild(area);
    wrap.appendChild(textarea);
    wrap.appendChild(status);
    wrap.appendChild(picker);
    textarea.hidden = true;
    textarea.required = false;
    textarea.setAttribute('data-lantern', 'editor-source');
    this.area = area;
    this.toolbar = toolbar;
    this.status = status;
    this.picker = picker;

    area.innerHTML = editable(clean(textarea.value));
    this.record();
    try { document.execCommand('defaultParagraphSeparator', false, 'p'); } catch (e) { /* older browsers */ }

    toolbar.addEventListener('mousedown', function (e) { if (e.target.closest('button')) e.preventDefault(); });
    toolbar.addEventListener('click', function (e) {
      var button = e.target.closest('button[data-command]');
      if (button) self.command(button.getAttribute('data-command'));
    });
    area.addEventListener('keydown', function (e) { self.keydown(e); });
    area.addEventListener('beforeinput', function (e) {
      if (e.inputType === 'historyUndo') { e.preventDefault(); self.undo(); }
      if (e.inputType === 'historyRedo') { e.preventDefault(); self.redo(); }
    });
    area.addEventListener('input', function (e) { self.typed(e); self.later(); });
    area.addEventListener('paste', function (e) { self.paste(e); });
    area.addEventListener('drop', function (e) { self.drop(e); });
    picker.addEventListener('change', function () { self.uploadAll(Array.prototype.slice.call(picker.files)); picker.value = ''; });
    var form = textarea.form;
    if (form) {
      form.addEventListener('submit', function () { self.sync(); });
    }
  }

  Editor.prototype.html = function () { return clean(this.area); };

  /** Writes the editor's HTML into the textarea the form sends (unless the source view is being edited). */
  Editor.prototype.sync = function () {
    if (this.textarea.hidden) this.textarea.value = this.html();
  };

  // Undo and redo: snapshots of the content with the caret's place in its text.

  Editor.prototype.record = function () {
    clearTimeout(this.pending);
    this.pending = null;
    var snapshot = { html: this.area.innerHTML, caret: this.caret() };
    var last = this.history[this.history.length - 1];
    if (last && last.html === snapshot.html) { last.caret = snapshot.caret; return; }
    this.history.push(snapshot);
    if (this.history.length > 200) this.history.shift();
    this.future = [];
  };

  Editor.prototype.later = function () {
    var self = this;
    clearTimeout(this.pending);
    this.pending = setTimeout(function () { self.record(); }, 400);
  };

  Editor.prototype.undo = function () {
    if (this.pending) this.record();
    if (this.history.length < 2) return;
    this.future.push(this.history.pop());
    this.restore(this.history[this.history.length - 1]);
  };

  Editor.prototype.redo = function () {
    if (this.pending) this.record();
    var next = this.future.pop();
    if (!next) return;
    this.history.push(next);
    this.restore(next);
  };

  Editor.prototype.restore = function (snapshot) {
    this.area.innerHTML = snapshot.html;
    this.area.focus();
    this.placeCaret(snapshot.caret);
  };

  /** The caret's offset in the area's text, or -1 when the selection is elsewhere. */
  Editor.prototype.caret = function () {
    var selection = window.getSelection();
    if (!selection.rangeCount || !this.area.contains(selection.anchorNode)) return -1;
    var range = document.createRange();
    range.selectNodeContents(this.area);
    var focus = selection.getRangeAt(0);
    range.setEnd(focus.endContainer, focus.endOffset);
    return range.toString().length;
  };

  Editor.prototype.placeCaret = function (offset) {
    if (offset < 0) return;
    var walker = document.createTreeWalker(this.area, NodeFilter.SHOW_TEXT);
    var node, last = null;
    while ((node = walker.nextNode())) {
      last = node;
      if (offset <= node.nodeValue.length) break;
      offset -= node.nodeValue.length;
    }
    var range = document.createRange();
    if (node) range.setStart(node, offset);
    else if (last) range.setStart(last, last.nodeValue.length);
    else range.setStart(this.area, this.area.childNodes.length);
    range.collapse(true);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };

  /** Re-cleans the content in place (after a paste or an insert), keeping the caret. */
  Editor.prototype.normalize = function () {
    var caret = this.caret();
    var cleaned = editable(clean(this.area));
    if (cleaned !== this.area.innerHTML) {
      this.area.innerHTML = cleaned;
      this.placeCaret(caret);
    }
    this.record();
  };

  // Commands.

  Editor.prototype.exec = function (name, value) {
    this.area.focus();
    document.execCommand(name, false, value == null ? null : value);
  };

  Editor.prototype.command = function (name) {
    if (name === 'source') return this.toggleSource();
    if (!this.textarea.hidden) return;
    if (name === 'undo') return this.undo();
    if (name === 'redo') return this.redo();
    if (this.pending) this.record();
    switch (name) {
      case 'p': case 'h2': case 'h3': case 'h4': this.exec('formatBlock', '<' + name + '>'); break;
      case 'strong': this.exec('bold'); break;
      case 'em': this.exec('italic'); break;
      case 'code': this.inlineCode(); break;
      case 'link': this.link(); break;
      case 'ul': this.exec('insertUnorderedList'); break;
      case 'ol': this.exec('insertOrderedList'); break;
      case 'quote': this.toggleWrap('BLOCKQUOTE', null); break;
      case 'pre': this.codeBlock(); break;
      case 'table': this.exec('insertHTML', '<table><thead><tr><th>Heading</th><th>Heading</th></tr></thead><tbody><tr><td>Cell</td><td>Cell</td></tr><tr><td>Cell</td><td>Cell</td></tr></tbody></table><p><br></p>'); break;
      case 'image': if (this.uploadURL) this.picker.click(); else this.say('Save the article once before adding images or files.'); break;
      case 'callout-note': case 'callout-warning': this.toggleWrap('DIV', name); break;
    }
    // Not re-cleaned here: an empty paragraph the agent is about to type in must stay. Saving cleans.
    this.record();
  };

  /** The direct child of the area that holds the caret. */
  Editor.prototype.currentBlock = function () {
    var selection = window.getSelection();
    if (!selection.rangeCount) return null;
    var node = selection.getRangeAt(0).startContainer;
    if (!this.area.contains(node) || node === this.area) return this.area.firstElementChild;
    while (node.parentNode !== this.area) node = node.parentNode;
    return node;
  };

  /** Puts the current block in a blockquote or callout, or takes it out of one. */
  Editor.prototype.toggleWrap = function (tag, callout) {
    var selection = window.getSelection();
    var node = selection.rangeCount ? selection.getRangeAt(0).startContainer : null;
    for (var n = node; n && n !== this.area; n = n.parentNode) {
      if (n.nodeName === tag && (!callout || calloutOf(n) === callout)) {
        while (n.firstChild) n.parentNode.insertBefore(n.firstChild, n);
        n.parentNode.removeChild(n);
        return;
      }
    }
    var current = this.currentBlock();
    var wrapper = document.createElement(tag);
    if (callout) wrapper.className = callout;
    if (!current) { wrapper.innerHTML = '<p><br></p>'; this.area.appendChild(wrapper); return; }
    if (current.nodeType === 3) { var p = document.createElement('p'); current.parentNode.insertBefore(p, current); p.appendChild(current); current = p; }
    current.parentNode.insertBefore(wrapper, current);
    wrapper.appendChild(current);
  };

  Editor.prototype.codeBlock = function () {
    var current = this.currentBlock();
    var selection = window.getSelection();
    if (current && current.nodeName === 'PRE') {
      var paragraphs = current.textContent.split('\n').map(function (line) { return '<p>' + (esc(line) || '<br>') + '</p>'; });
      var holder = document.createElement('div');
      holder.innerHTML = paragraphs.join('');
      while (holder.firstChild) current.parentNode.insertBefore(holder.firstChild, current);
      current.parentNode.removeChild(current);
      return;
    }
    var text = selection.rangeCount && !selection.isCollapsed ? selection.toString() : current ? current.textContent : '';
    var pre = document.createElement('pre');
    var code = document.createElement('code');
    code.textContent = text || '\n';
    pre.appendChild(code);
    if (selection.rangeCount && !selection.isCollapsed) {
      selection.getRangeAt(0).deleteContents();
      current = this.currentBlock();
    }
    if (current && !current.textContent.trim()) current.parentNode.replaceChild(pre, current);
    else if (current && !selection.isCollapsed) current.parentNode.insertBefore(pre, current.nextSibling);
    else if (current) current.parentNode.replaceChild(pre, current);
    else this.area.appendChild(pre);
  };

  Editor.prototype.inlineCode = function () {
    var selection = window.getSelection();
    if (!selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    for (var n = range.startContainer; n && n !== this.area; n = n.parentNode) {
      if (n.nodeName === 'CODE' && n.parentNode.nodeName !== 'PRE') {
        n.parentNode.replaceChild(document.createTextNode(n.textContent), n);
        return;
      }
    }
    var code = document.createElement('code');
    code.textContent = range.toString() || 'code';
    this.insertInline(code, range);
  };

  /** Puts `element` in place of `range`'s content, the caret just after it (outside it: typing goes on unformatted). */
  Editor.prototype.insertInline = function (element, range) {
    range.deleteContents();
    range.insertNode(element);
    var after = document.createTextNode('\u200b');
    element.parentNode.insertBefore(after, element.nextSibling);
    var caret = document.createRange();
    caret.setStart(after, 1);
    caret.collapse(true);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(caret);
  };

  Editor.prototype.link = function () {
    var selection = window.getSelection();
    var address = window.prompt('Link address (https://…, mailto:…, or /path)', 'https://');
    if (!address || !safeURL(address, false)) return;
    if (selection.rangeCount && !selection.isCollapsed) { this.exec('createLink', address); return; }
    if (!selection.rangeCount || !this.area.contains(selection.anchorNode)) return;
    var link = document.createElement('a');
    link.setAttribute('href', address);
    link.textContent = address;
    this.insertInline(link, selection.getRangeAt(0));
  };

  Editor.prototype.toggleSource = function () {
    var button = this.toolbar.querySelector('[data-command="source"]');
    if (this.textarea.hidden) {
      this.textarea.value = this.html();
      this.textarea.hidden = false;
      this.area.hidden = true;
      button.setAttribute('aria-pressed', 'true');
      this.textarea.focus();
    } else {
      this.area.innerHTML = editable(clean(this.textarea.value));
      this.textarea.hidden = true;
      this.area.hidden = false;
      button.setAttribute('aria-pressed', 'false');
      this.record();
      this.area.focus();
    }
    Array.prototype.forEach.call(this.toolbar.querySelectorAll('button'), function (b) {
      if (b.getAttribute('data-command') !== 'source') b.disabled = !b.disabled;
    });
  };

  // Keys: shortcuts, Tab between table cells, Enter in code blocks.

  Editor.prototype.keydown = function (e) {
    var mod = e.ctrlKey || e.metaKey;
    var key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    var run = null;
    if (mod && !e.altKey) {
      if (key === 'z' && !e.shiftKey) run = 'undo';
      else if ((key === 'z' && e.shiftKey) || key === 'y') run = 'redo';
      else if (key === 'b') run = 'strong';
      else if (key === 'i') run = 'em';
      else if (key === 'e') run = 'code';
      else if (key === 'k') run = 'link';
      else if (e.shiftKey && (e.code === 'Digit8' || key === '*')) run = 'ul';
      else if (e.shiftKey && (e.code === 'Digit7' || key === '&')) run = 'ol';
      else if (e.shiftKey && (e.code === 'Digit9' || key === '(')) run = 'quote';
    } else if (mod && e.altKey) {
      var headings = { Digit0: 'p', Digit2: 'h2', Digit3: 'h3', Digit4: 'h4', KeyC: 'pre' };
      run = headings[e.code] || null;
    }
    if (run) { e.preventDefault(); this.command(run); return; }
    if (e.key === 'Tab' && !mod) {
      var cell = this.closest('TD') || this.closest('TH');
      if (cell) { e.preventDefault(); this.nextCell(cell, e.shiftKey); }
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && this.closest('PRE')) {
      e.preventDefault();
      this.exec('insertText', '\n');
    }
  };

  Editor.prototype.closest = function (tag) {
    var selection = window.getSelection();
    if (!selection.rangeCount) return null;
    for (var n = selection.getRangeAt(0).startContainer; n && n !== this.area; n = n.parentNode) if (n.nodeName === tag) return n;
    return null;
  };

  Editor.prototype.nextCell = function (cell, backwards) {
    var cells = Array.prototype.slice.call(cell.closest('table').querySelectorAll('td,th'));
    var index = cells.indexOf(cell) + (backwards ? -1 : 1);
    if (index >= cells.length) {
      var row = cell.parentNode.cloneNode(true);
      Array.prototype.forEach.call(row.children, function (c) { c.innerHTML = '<br>'; });
      var body = cell.closest('table').tBodies[0] || cell.closest('table');
      body.appendChild(row);
      cells = Array.prototype.slice.call(cell.closest('table').querySelectorAll('td,th'));
      this.record();
    }
    var target = cells[Math.max(0, index)];
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };

  // Markdown-style typing: "## ", "- ", "1. ", "> ", "``` " at the start of a paragraph; **bold** and `code`.

  Editor.prototype.typed = function (e) {
    if (e.inputType !== 'insertText' || !e.data) return;
    var selection = window.getSelection();
    if (!selection.rangeCount || !selection.isCollapsed) return;
    var node = selection.anchorNode;
    if (!node || node.nodeType !== 3 || this.closest('PRE') || this.closest('CODE')) return;
    var before = node.nodeValue.slice(0, selection.anchorOffset);
    if (e.data === ' ') {
      var paragraph = node.parentNode;
      if (paragraph === this.area) {
        // Text typed straight into the area (its first paragraph was deleted): make it a paragraph first.
        paragraph = document.createElement('p');
        this.area.replaceChild(paragraph, node);
        paragraph.appendChild(node);
      }
      var marker = before.replace(/\u00a0/g, ' ');
      var shortcuts = { '# ': 'h2', '## ': 'h2', '### ': 'h3', '#### ': 'h4', '- ': 'ul', '* ': 'ul', '1. ': 'ol', '> ': 'quote', '``` ': 'pre' };
      var container = paragraph.parentNode;
      if (shortcuts[marker] && paragraph.nodeName === 'P' && paragraph.firstChild === node &&
          (container === this.area || container.nodeName === 'BLOCKQUOTE' || (container.nodeName === 'DIV' && calloutOf(container)))) {
        if (this.pending) this.record();
        node.nodeValue = node.nodeValue.slice(selection.anchorOffset);
        this.convert(paragraph, shortcuts[marker]);
        this.record();
      }
      return;
    }
    var match = e.data === '*' ? /\*\*([^*\s][^*]*)\*\*$/.exec(before) : e.data === '`' ? /`([^`]+)`$/.exec(before) : null;
    if (!match) return;
    var element = document.createElement(e.data === '*' ? 'strong' : 'code');
    element.textContent = match[1];
    var replace = document.createRange();
    replace.setStart(node, selection.anchorOffset - match[0].length);
    replace.setEnd(node, selection.anchorOffset);
    this.insertInline(element, replace);
    this.record();
  };

  /** Turns paragraph `p` into a heading, a list, a quote or a code block, keeping its content; the caret goes to
      its start. (Done here rather than by the browser's commands, which nest a list inside the paragraph.) */
  Editor.prototype.convert = function (p, command) {
    var outer, inner;
    if (command === 'ul' || command === 'ol') {
      outer = document.createElement(command);
      inner = outer.appendChild(document.createElement('li'));
    } else if (command === 'quote') {
      outer = document.createElement('blockquote');
      inner = outer.appendChild(document.createElement('p'));
    } else if (command === 'pre') {
      outer = document.createElement('pre');
      inner = outer.appendChild(document.createElement('code'));
    } else {
      outer = inner = document.createElement(command);
    }
    while (p.firstChild) inner.appendChild(p.firstChild);
    if (!inner.textContent) inner.innerHTML = command === 'pre' ? '\n' : '<br>';
    p.parentNode.replaceChild(outer, p);
    var first = inner.firstChild;
    var range = document.createRange();
    range.setStart(first.nodeType === 3 ? first : inner, 0);
    range.collapse(true);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };

  // Paste, drop and files.

  Editor.prototype.paste = function (e) {
    var data = e.clipboardData;
    if (!data) return;
    e.preventDefault();
    var files = Array.prototype.slice.call(data.files || []);
    var html = data.getData('text/html');
    if (this.pending) this.record();
    var cleaned = html ? clean(html) : '';
    if (cleaned) this.exec('insertHTML', cleaned);
    else if (!files.length) this.exec('insertHTML', textToHTML(data.getData('text/plain')));
    this.normalize();
    // Images the clipboard carries inside the HTML (Word and Google Docs put screenshots there as data: URLs, which
    // articles cannot keep) are uploaded and inserted after the pasted text.
    // A pasted file (a screenshot) is uploaded only when the clipboard has no content of its own: office programs put
    // a picture of the copied text beside it.
    var uploads = cleaned ? [] : files;
    if (html) uploads = uploads.concat(embeddedImages(html));
    if (uploads.length) this.uploadAll(uploads);
  };

  /** The data: URL images of pasted HTML, as files. */
  function embeddedImages(html) {
    var found = [];
    var images = new DOMParser().parseFromString(html, 'text/html').querySelectorAll('img[src^="data:image/"]');
    Array.prototype.forEach.call(images, function (img, index) {
      var match = /^data:(image\/(png|jpeg|gif|webp));base64,([a-z0-9+\/=\s]+)$/i.exec(img.getAttribute('src'));
      if (!match) return;
      try {
        var bytes = atob(match[3].replace(/\s+/g, ''));
        var buffer = new Uint8Array(bytes.length);
        for (var i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
        var extension = match[2].toLowerCase() === 'jpeg' ? 'jpg' : match[2].toLowerCase();
        found.push(new File([buffer], 'pasted-' + (index + 1) + '.' + extension, { type: match[1].toLowerCase() }));
      } catch (e) { /* not base64 after all: left out */ }
    });
    return found;
  }

  Editor.prototype.drop = function (e) {
    var files = e.dataTransfer ? Array.prototype.slice.call(e.dataTransfer.files || []) : [];
    if (!files.length) return;
    e.preventDefault();
    if (document.caretRangeFromPoint) {
      var range = document.caretRangeFromPoint(e.clientX, e.clientY);
      if (range) { var selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range); }
    }
    this.uploadAll(files);
  };

  Editor.prototype.say = function (text) { this.status.textContent = text; };

  Editor.prototype.uploadAll = function (files) {
    var self = this;
    if (!this.uploadURL) { this.say('Save the article once before adding images or files.'); return; }
    files.reduce(function (previous, file) {
      return previous.then(function () { return self.upload(file); });
    }, Promise.resolve());
  };

  /** Uploads one file and inserts it where the caret was: an image with its size, or a link to the file. */
  Editor.prototype.upload = function (file) {
    var self = this;
    var selection = window.getSelection();
    var place = selection.rangeCount && this.area.contains(selection.anchorNode) ? selection.getRangeAt(0).cloneRange() : null;
    this.say('Uploading ' + file.name + '…');
    var body = new FormData();
    body.append('attachments[]', file, file.name || 'pasted.png');
    var size = /^image\//.test(file.type) ? imageSize(file) : Promise.resolve(null);
    return fetch(this.uploadURL, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'X-CSRF-Token': this.csrf } })
      .then(function (response) {
        return response.json().then(function (json) {
          if (!response.ok) throw new Error(json && json.error ? json.error.message : 'The upload failed (' + response.status + ').');
          return json;
        });
      })
      .then(function (uploaded) {
        return size.then(function (dimensions) {
          self.area.focus();
          var here = window.getSelection();
          here.removeAllRanges();
          if (place && self.area.contains(place.startContainer)) {
            here.addRange(place);
          } else {
            var end = document.createRange();
            end.selectNodeContents(self.area);
            end.collapse(false);
            here.addRange(end);
          }
          var html = /^image\//.test(uploaded.content_type)
            ? '<img src="' + esc(uploaded.url) + '" alt="' + esc(uploaded.name.replace(/\.[a-z0-9]+$/i, '')) + '"' +
              (dimensions ? ' width="' + dimensions.width + '" height="' + dimensions.height + '"' : '') + '>'
            : '<a href="' + esc(uploaded.url) + '">' + esc(uploaded.name) + '</a>';
          self.exec('insertHTML', html);
          self.normalize();
          self.say('Added ' + uploaded.name + '.');
        });
      })
      .catch(function (error) { self.say(error.message); });
  };

  /** An image file's width and height, read from its header (PNG, GIF, JPEG, WebP), or null. Read from the bytes, not
      by loading the image: the portal's CSP allows no blob: images, and nothing needs decoding. */
  function imageSize(file) {
    return file.slice(0, 256 * 1024).arrayBuffer().then(function (buffer) {
      var b = new DataView(buffer);
      var n = buffer.byteLength;
      var u8 = function (i) { return i < n ? b.getUint8(i) : 0; };
      var be16 = function (i) { return i + 1 < n ? b.getUint16(i) : 0; };
      var le16 = function (i) { return i + 1 < n ? b.getUint16(i, true) : 0; };
      var le24 = function (i) { return u8(i) | u8(i + 1) << 8 | u8(i + 2) << 16; };
      var size = null;
      if (u8(0) === 0x89 && u8(1) === 0x50 && n >= 24) {
        size = { width: b.getUint32(16), height: b.getUint32(20) };
      } else if (u8(0) === 0x47 && u8(1) === 0x49 && u8(2) === 0x46) {
        size = { width: le16(6), height: le16(8) };
      } else if (u8(0) === 0xff && u8(1) === 0xd8) {
        for (var i = 2; i + 9 < n;) {
          if (u8(i) !== 0xff) { i++; continue; }
          var marker = u8(i + 1);
          if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
            size = { width: be16(i + 7), height: be16(i + 5) };
            break;
          }
          i += 2 + be16(i + 2);
        }
      } else if (u8(8) === 0x57 && u8(9) === 0x45 && u8(10) === 0x42 && u8(11) === 0x50) {
        var chunk = String.fromCharCode(u8(12), u8(13), u8(14), u8(15));
        if (chunk === 'VP8 ') size = { width: le16(26) & 0x3fff, height: le16(28) & 0x3fff };
        if (chunk === 'VP8L') { var bits = b.getUint32(21, true); size = { width: (bits & 0x3fff) + 1, height: (bits >> 14 & 0x3fff) + 1 }; }
        if (chunk === 'VP8X') size = { width: le24(24) + 1, height: le24(27) + 1 };
      }
      return size && size.width > 0 && size.height > 0 && size.width < 100000 && size.height < 100000 ? size : null;
    }).catch(function () { return null; });
  }

  // ---------------------------------------------------------------------------------------------------------------

  window.LanternEditor = { clean: clean, Editor: Editor };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('textarea[data-editor]'), function (textarea) {
      textarea.lanternEditor = new Editor(textarea);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
