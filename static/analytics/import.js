// The import's progress bar: polls the batch's status JSON every second and reloads the page when the
// run has finished (the page then shows the result or the error report). Without JavaScript the page
// refreshes itself (a meta refresh in <noscript>).
(function () {
  "use strict";
  var box = document.querySelector("[data-status-url]");
  if (!box || box.getAttribute("data-finished") === "1" || !window.fetch) { return; }
  function show(name, value) {
    var el = box.querySelector('[data-field="' + name + '"]');
    if (!el) { return; }
    if (el.tagName === "PROGRESS") { el.value = value; el.textContent = value + "%"; } else { el.textContent = value; }
  }
  function poll() {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { window.setTimeout(poll, 3000); return; }
        ["status_label", "progress", "rows_done", "rows_total"].forEach(function (k) { show(k, data[k]); });
        if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
