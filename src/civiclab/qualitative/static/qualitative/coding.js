// Turns the reader's text selection into positions in the source text for the coding form.
// Positions count Unicode code points, as the server does: an emoji is one, not two.
(function () {
  "use strict";
  const panel = document.querySelector("[data-coding-panel]");
  if (!panel) return;
  const preview = panel.querySelector("[data-selection-preview]");
  const buttons = panel.querySelectorAll("[data-needs-selection]");
  const field = (name) => panel.querySelector(`input[name="${name}"]`);
  const codePoints = (text) => Array.from(text).length;

  // The offset of (node, offset) from the start of `container`, in code points.
  function position(container, node, offset) {
    const range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  function textOf(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? element.closest("[data-qual-text]") : null;
  }

  function clear(message) {
    ["start", "end", "text", "response"].forEach((name) => (field(name).value = ""));
    buttons.forEach((b) => (b.disabled = true));
    if (message) preview.textContent = message;
  }

  function update() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    const container = textOf(range.startContainer);
    if (!container) return;
    if (container !== textOf(range.endContainer)) {
      clear(panel.dataset.oneText || "");
      return;
    }
    const start = position(container, range.startContainer, range.startOffset);
    const end = position(container, range.endContainer, range.endOffset);
    const chosen = Array.from(container.textContent).slice(start, end).join("");
    if (!chosen.trim()) return;
    field("start").value = start;
    field("end").value = end;
    field("text").value = chosen;
    field("response").value = container.dataset.response || "";
    buttons.forEach((b) => (b.disabled = false));
    const shown = chosen.length > 240 ? chosen.slice(0, 240) + "…" : chosen;
    preview.textContent = `« ${shown} »`;
  }

  document.addEventListener("selectionchange", () => window.requestAnimationFrame(update));

  const tickAll = document.querySelector("[data-tick-all]");
  if (tickAll) {
    tickAll.addEventListener("click", () => {
      document
        .querySelectorAll('input[name="responses"][form="bulk-form"]')
        .forEach((box) => (box.checked = true));
    });
  }
})();
