// Behaviour shared by every page, kept out of the HTML so the Content-Security-Policy can forbid inline
// scripts: a <select data-autosubmit> submits its form when changed (the language picker, filters).
// Without JavaScript each such form keeps its own submit button.
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
    el.form.submit();
  }
});
