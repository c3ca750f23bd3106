/* Progressive enhancement for the reporting pages. Everything works without this file:
   - region picker: fills kab/kota and kecamatan from /api/v1/regions/?parent=… instead of the
     "Perbarui pilihan wilayah" round trip (which is then removed, so Enter submits the form);
   - receipt: a "Salin kode" button;
   - error summary: its links open the step of the field and focus it; the first error gets focus;
   - on a phone (< 768 px) the report and tip forms become short steps with a progress bar. Without
     JavaScript (or on a wider screen) the whole form shows at once, as before. */
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

  // --- the phone stepper and the error summary ------------------------------------------------------
  var PHONE = window.matchMedia ? window.matchMedia("(max-width: 767px)").matches : false;

  function focusField(target) {
    var input = target.matches("input,select,textarea") ? target : target.querySelector("input,select,textarea");
    (input || target).focus();
  }

  document.querySelectorAll("form[data-stepper]").forEach(function (form) {
    var sections = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-step]"));
    var numbers = sections.map(function (s) { return +s.getAttribute("data-step"); })
      .filter(function (n, i, all) { return all.indexOf(n) === i; }).sort(function (a, b) { return a - b; });
    var label = form.querySelector("[data-stepper-label]");
    var title = form.querySelector("[data-stepper-title]");
    var bar = form.querySelector("[data-stepper-bar]");
    var back = form.querySelector("[data-stepper-back]");
    var next = form.querySelector("[data-stepper-next]");
    var submit = form.querySelector("[data-stepper-submit]");
    var current = numbers[0];
    var active = PHONE && numbers.length > 1 && label && back && next && submit;

    function show(step, focus) {
      current = step;
      var index = numbers.indexOf(step);
      sections.forEach(function (s) { s.classList.toggle("step-hidden", +s.getAttribute("data-step") !== step); });
      label.textContent = label.getAttribute("data-template")
        .replace("{n}", index + 1).replace("{total}", numbers.length);
      title.textContent = sections.filter(function (s) { return +s.getAttribute("data-step") === step; })
        .map(function (s) { var l = s.querySelector("legend"); return l ? l.textContent.trim() : ""; }).join(" · ");
      bar.max = numbers.length;
      bar.value = index + 1;
      back.hidden = index === 0;
      next.hidden = index === numbers.length - 1;
      submit.classList.toggle("step-hidden", index !== numbers.length - 1);
      if (focus) { label.setAttribute("tabindex", "-1"); label.focus(); form.scrollIntoView(); }
    }

    function stepOf(el) {
      var section = el && el.closest("fieldset[data-step]");
      return section ? +section.getAttribute("data-step") : null;
    }

    if (active) {
      form.classList.add("stepper-on");
      back.addEventListener("click", function () { show(numbers[numbers.indexOf(current) - 1], true); });
      next.addEventListener("click", function () { show(numbers[numbers.indexOf(current) + 1], true); });
      // Enter in a field of an early step must not send a half-filled report: it goes to the next step.
      form.addEventListener("submit", function (event) {
        if (numbers.indexOf(current) < numbers.length - 1) {
          event.preventDefault();
          show(numbers[numbers.indexOf(current) + 1], true);
        }
      });
      show(current, false);
    } else {
      form.classList.remove("stepper");
    }

    var summary = form.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) return;
        event.preventDefault();
        if (active && stepOf(target) !== null) show(stepOf(target), false);
        target.scrollIntoView({ block: "center" });
        focusField(target);
      });
    });
    // Focus the first field in error (its step shown); the summary above lists them all.
    var first = summary.querySelector("a[href^='#']");
    var target = first && document.getElementById(first.getAttribute("href").slice(1));
    if (target) {
      if (active && stepOf(target) !== null) show(stepOf(target), false);
      focusField(target);
    } else {
      summary.focus();
    }
  });
})();
