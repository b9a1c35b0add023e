// A name or place spotted in a quote, once clicked, becomes a line of the replacements field.
(function () {
  "use strict";
  const field = document.querySelector('textarea[name="replacements"]');
  if (!field) return;
  document.querySelectorAll("[data-hide]").forEach((button) => {
    button.addEventListener("click", () => {
      const line = `${button.dataset.hide} = ${button.dataset.as}`;
      field.value = field.value.trim() ? `${field.value.trim()}\n${line}` : line;
      button.disabled = true;
      field.focus();
    });
  });
})();
