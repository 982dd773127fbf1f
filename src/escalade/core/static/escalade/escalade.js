// Progressive enhancement only: every form also works without this file.
(function () {
  "use strict";
  function enhance(root) {
    root.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      form.querySelectorAll("[data-autosubmit-hide]").forEach(function (el) {
        el.classList.add("visually-hidden");
      });
      form.querySelectorAll("select").forEach(function (select) {
        if (select.dataset.enhanced) return;
        select.dataset.enhanced = "1";
        select.addEventListener("change", function () { form.requestSubmit(); });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSwap", function (event) { enhance(event.target); });
})();
