// Reordering a report's blocks by dragging them (the ↑ ↓ buttons stay, for the keyboard):
// dropping a block on another puts it just before that one, on the list's end puts it last.
// The move is posted like the buttons' forms, so the page reloads with the new order.
(function () {
  const list = document.querySelector("[data-block-list]");
  if (!list) return;
  let dragged = null;

  function clear() {
    list.querySelectorAll(".drop-target").forEach((el) => el.classList.remove("drop-target"));
  }

  function target(event) {
    const item = event.target.closest("[data-block-id], [data-block-end]");
    return item && item !== dragged && list.contains(item) ? item : null;
  }

  list.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("[data-block-id]");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.blockId);
    dragged.classList.add("dragging");
  });

  list.addEventListener("dragover", (event) => {
    if (!dragged || !target(event)) return;
    event.preventDefault();
    clear();
    target(event).classList.add("drop-target");
  });

  list.addEventListener("dragleave", clear);

  list.addEventListener("drop", (event) => {
    const over = dragged && target(event);
    if (!over) return;
    event.preventDefault();
    const form = document.createElement("form");
    form.method = "post";
    form.action = dragged.dataset.moveUrl;
    for (const [name, value] of [
      ["csrfmiddlewaretoken", list.dataset.csrf],
      ["before", over.dataset.blockId || "end"],
    ]) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  });

  list.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clear();
  });
})();
