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
  // Panels that fold on narrow screens (the ticket's fields and actors on a phone).
  function fold(root) {
    root.querySelectorAll("details[data-fold-below]").forEach(function (details) {
      if (details.dataset.folded) return;
      details.dataset.folded = "1";
      var narrow = window.matchMedia("(max-width: " + (details.dataset.foldBelow - 0.02) + "px)");
      if (narrow.matches && !details.querySelector(".is-invalid, .alert-danger")) details.open = false;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); fold(document); });
  document.addEventListener("htmx:afterSwap", function (event) { enhance(event.target); });
})();
