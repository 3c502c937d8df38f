/*! Lantern portals: copy buttons (`data-copy` names the element whose text to copy). Pages work without this
    script; the text stays selectable. */
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-copy]'); if (!b) return;
  var el = document.getElementById(b.getAttribute('data-copy')); if (!el) return;
  var text = el.value !== undefined ? el.value : el.textContent;
  var done = function () { b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 1500); };
  if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done, function () { el.select && el.select(); }); }
  else if (el.select) { el.select(); document.execCommand('copy'); done(); }
});
