/* Progressive enhancement for the reporting pages. Everything works without this file:
   - region picker: fills kab/kota and kecamatan from /api/v1/regions/?parent=… instead of the
     "Perbarui pilihan wilayah" round trip (which is then removed, so Enter submits the form);
   - receipt: a "Salin kode" button. */
(function () {
  "use strict";
  if (!window.fetch || !document.querySelectorAll) return;
  document.documentElement.classList.add("js");

  function fill(select, regions) {
    var first = select.options[0];
    select.innerHTML = "";
    select.appendChild(first);
    regions.forEach(function (r) {
      var option = document.createElement("option");
      option.value = r.code;
      option.textContent = r.name;
      select.appendChild(option);
    });
    select.value = "";
  }

  function children(api, code, select, then) {
    if (!code) { fill(select, []); if (then) then(); return; }
    select.disabled = true;
    fetch(api + "?parent=" + encodeURIComponent(code), { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (regions) { fill(select, regions); })
      .catch(function () { /* keep the server's options; the form still validates them */ })
      .finally(function () { select.disabled = false; if (then) then(); });
  }

  document.querySelectorAll("[data-region-picker]").forEach(function (picker) {
    var api = picker.getAttribute("data-api");
    var selects = picker.querySelectorAll("select");
    if (selects.length !== 3) return;
    var province = selects[0], regency = selects[1], district = selects[2];
    picker.querySelectorAll(".js-remove").forEach(function (el) { el.remove(); });
    province.addEventListener("change", function () {
      fill(district, []);
      children(api, province.value, regency);
    });
    regency.addEventListener("change", function () { children(api, regency.value, district); });
  });

  document.querySelectorAll(".js-copy").forEach(function (button) {
    var target = document.querySelector(button.getAttribute("data-copy"));
    if (!target || !navigator.clipboard) return;
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        button.textContent = button.getAttribute("data-done");
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
