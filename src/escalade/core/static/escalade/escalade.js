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
  // File fields: size and type checked before anything is uploaded; pasted screenshots
  // (Ctrl+V of an image) become attachments.
  function say(input, text) {
    var status = input.parentNode.querySelector("[data-file-status]");
    if (status) status.textContent = text;
  }
  function checkFiles(input) {
    var max = parseInt(input.dataset.maxBytes, 10);
    var allowed = (input.dataset.extensions || "").split(" ");
    var problems = [];
    Array.prototype.forEach.call(input.files || [], function (file) {
      var ext = file.name.indexOf(".") >= 0 ? file.name.split(".").pop().toLowerCase() : "";
      if (max && file.size > max) problems.push(input.dataset.msgTooBig.replace("%(name)s", file.name));
      else if (allowed.length && allowed.indexOf(ext) < 0) problems.push(input.dataset.msgType.replace("%(name)s", file.name));
    });
    var message = problems.join(" ");
    input.setCustomValidity(message);
    input.classList.toggle("is-invalid", !!message);
    if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    say(input, message);
    return !message;
  }
  function addFiles(input, files) {
    var all = new DataTransfer();
    Array.prototype.forEach.call(input.files || [], function (f) { all.items.add(f); });
    files.forEach(function (f) { all.items.add(f); });
    input.files = all.files;
    checkFiles(input);
  }
  function pastedName(type, n) {
    var d = new Date(), pad = function (x) { return (x < 10 ? "0" : "") + x; };
    var ext = (type.split("/")[1] || "png").replace("jpeg", "jpg");
    return "capture-" + d.getFullYear() + pad(d.getMonth() + 1) + pad(d.getDate()) + "-" +
      pad(d.getHours()) + pad(d.getMinutes()) + pad(d.getSeconds()) + (n ? "-" + n : "") + "." + ext;
  }
  function files(root) {
    root.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      if (input.dataset.checked) return;
      input.dataset.checked = "1";
      input.addEventListener("change", function () { checkFiles(input); });
      var form = input.form;
      if (!form) return;
      form.addEventListener("submit", function (event) {
        if (!checkFiles(input)) { event.preventDefault(); event.stopImmediatePropagation(); input.focus(); }
      }, true);
      form.addEventListener("paste", function (event) {
        var items = (event.clipboardData && event.clipboardData.items) || [];
        var images = [];
        Array.prototype.forEach.call(items, function (item) {
          if (item.kind === "file" && item.type.indexOf("image/") === 0) {
            var blob = item.getAsFile();
            if (blob) images.push(new File([blob], pastedName(item.type, images.length), { type: item.type }));
          }
        });
        if (!images.length) return;
        event.preventDefault();
        addFiles(input, images);
        if (input.checkValidity()) say(input, input.dataset.msgPasted.replace("%(name)s", images.map(function (f) { return f.name; }).join(", ")));
      });
    });
  }
  // After a refused form, the focus goes to the first field in error.
  function focusError(root) {
    var first = root.querySelector("form [aria-invalid=true], form .is-invalid");
    if (first && typeof first.focus === "function") first.focus();
  }
  document.addEventListener("DOMContentLoaded", function () {
    enhance(document); fold(document); files(document); focusError(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) { files(event.target); });
  document.addEventListener("htmx:afterSwap", function (event) { enhance(event.target); });
})();

// « Tout sélectionner » (actions massives): checks or unchecks every row of the list.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input[data-select-all]")) return;
  var name = box.getAttribute("data-select-all");
  document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (row) {
    row.checked = box.checked;
  });
});
