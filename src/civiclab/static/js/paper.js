// Keyboard-only paper entry: Enter moves on, a digit picks a choice, Ctrl+Enter saves.
(function () {
  "use strict";

  function fields(form) {
    return Array.prototype.filter.call(
      form.querySelectorAll("input:not([type=hidden]), select, textarea"),
      function (el) { return !el.disabled && !el.closest("[hidden]") && !el.closest(".honeypot"); }
    );
  }

  // The first field of the next question (radios and checkboxes of one question count once).
  function focusNext(form, current) {
    var all = fields(form);
    var here = current.closest(".question");
    var index = all.indexOf(current);
    for (var i = index + 1; i < all.length; i++) {
      if (!here || all[i].closest(".question") !== here) {
        all[i].focus();
        return;
      }
    }
    var submit = form.querySelector("button[type=submit]");
    if (submit) submit.focus();
  }

  function pickByNumber(event, form) {
    var question = event.target.closest(".question");
    if (!question || !/^[1-9]$/.test(event.key)) return false;
    var options = question.querySelectorAll("input[type=radio], input[type=checkbox]");
    var option = options[parseInt(event.key, 10) - 1];
    if (!option || option.disabled) return false;
    event.preventDefault();
    option.checked = option.type === "radio" ? true : !option.checked;
    option.dispatchEvent(new Event("change", { bubbles: true }));
    if (option.type === "radio") focusNext(form, option);
    else option.focus();
    return true;
  }

  function onKey(event) {
    var form = event.currentTarget;
    var target = event.target;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if ((target.type === "radio" || target.type === "checkbox") && pickByNumber(event, form)) return;
    if (event.key === "Enter" && target.tagName !== "TEXTAREA" && target.tagName !== "BUTTON") {
      event.preventDefault();
      focusNext(form, target);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-paper-form]").forEach(function (form) {
      form.addEventListener("keydown", onKey);
    });
  });
})();
