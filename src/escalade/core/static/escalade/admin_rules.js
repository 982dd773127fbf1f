// Business rules in the admin: each criterion's or action's « Valeur » shows only the
// names that fit its field or action (categories for Catégorie, groups for « Ajouter le
// groupe observateur »…), and « Texte » only where a text is compared.
(function () {
  "use strict";
  function rowOf(select) { return select.closest("tr") || select.closest(".form-row") || document; }
  function sync(picker) {
    const map = JSON.parse(picker.dataset.ruleNamespaces || "{}");
    const row = rowOf(picker);
    const kind = row.querySelector("select[name$='-field'], select[name$='-kind']");
    const text = row.querySelector("input[name$='-text']");
    const ns = kind ? map[kind.value] : undefined;
    picker.querySelectorAll("option").forEach(function (option) {
      if (!option.value) return;
      option.hidden = option.value.split(":")[0] !== ns;
    });
    picker.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
    const chosen = picker.selectedOptions[0];
    if (chosen && chosen.hidden) picker.value = "";
    picker.disabled = !ns || ns === "text";
    if (text) text.disabled = ns !== "text";
  }
  function syncAll() { document.querySelectorAll("select[data-rule-namespaces]").forEach(sync); }
  document.addEventListener("change", function (event) {
    const target = event.target;
    if (target.matches && target.matches("select[name$='-field'], select[name$='-kind']")) {
      const picker = rowOf(target).querySelector("select[data-rule-namespaces]");
      if (picker) sync(picker);
    }
  });
  document.addEventListener("formset:added", syncAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", syncAll);
  else syncAll();
})();
