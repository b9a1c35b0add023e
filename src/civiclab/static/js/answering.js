// Show-if conditions and answer limits on the respondent's form, evaluated in the browser
// with the same rules as the server (static/js/expressions.js, collection/validation.py).
(function () {
  "use strict";

  function fieldValue(question) {
    var type = question.dataset.type;
    var inputs = question.querySelectorAll("input, select, textarea");
    if (type === "multiple_choice" || type === "ranking") {
      var values = [];
      inputs.forEach(function (input) {
        if (input.disabled) return;
        if ((input.type === "checkbox" && input.checked) || (input.tagName === "SELECT" && input.value)) {
          values.push(input.value);
        }
      });
      return values;
    }
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.type === "radio") {
        if (input.checked) return input.value;
        continue;
      }
      if (type === "integer" || type === "decimal") {
        var text = input.value.replace(/\s/g, "").replace(",", ".");
        return text === "" || isNaN(Number(text)) ? text : Number(text);
      }
      return input.value;
    }
    return "";
  }

  function collect(form, base) {
    var answers = Object.assign({}, base);
    form.querySelectorAll(".question[data-code]").forEach(function (question) {
      if (!question.hidden) answers[question.dataset.code] = fieldValue(question);
      else delete answers[question.dataset.code];
    });
    return answers;
  }

  function isShown(question, answers) {
    var conditions = JSON.parse(question.dataset.relevant || "[]");
    return conditions.every(function (ast) {
      return CivicExpressions.isTrue(CivicExpressions.evaluate(ast, answers));
    });
  }

  // Questions come in order, and a condition only reads answers given before it, so one
  // pass in document order settles every question.
  function refresh(form, base) {
    var answers = Object.assign({}, base);
    form.querySelectorAll(".question[data-code]").forEach(function (question) {
      var shown = isShown(question, answers);
      question.hidden = !shown;
      question.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.disabled = !shown;
      });
      if (shown) answers[question.dataset.code] = fieldValue(question);
    });
    form.querySelectorAll("[data-max-choices]").forEach(limitChoices);
    // A block of questions whose questions are all hidden is hidden with its title.
    form.querySelectorAll("[data-page]").forEach(function (block) {
      block.hidden = !block.querySelector(".question[data-code]:not([hidden])");
    });
  }

  function limitChoices(fieldset) {
    var max = parseInt(fieldset.dataset.maxChoices, 10);
    if (!max) return;
    var boxes = fieldset.querySelectorAll("input[type=checkbox]");
    var checked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
    boxes.forEach(function (box) {
      if (!box.checked && !fieldset.closest(".question").hidden) box.disabled = checked >= max;
    });
  }

  function setUp(form) {
    var context = document.getElementById(form.dataset.contextId || "answers-context");
    var base = context ? JSON.parse(context.textContent || "{}") : {};
    var update = function () { refresh(form, base); };
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    update();
    var errors = document.getElementById("errors");
    if (errors) errors.focus();
  }

  window.CivicAnswering = { collect: collect, refresh: refresh, fieldValue: fieldValue };
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-answers-form]").forEach(setUp);
  });
})();
