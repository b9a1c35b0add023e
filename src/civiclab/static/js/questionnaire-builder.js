// Questionnaire builder: moves without reloading the page (focus kept on the moved item,
// the move announced to screen readers), drag and drop, confirmation before deleting.
// Without this script every button still works as a plain form.

const LIVE_ID = "builder-live";

function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function announce(text) {
  const live = document.getElementById(LIVE_ID);
  if (!live) return;
  live.textContent = "";
  // A fresh text node is announced even when the same words come twice in a row.
  window.setTimeout(() => { live.textContent = text; }, 50);
}

function swapOutline(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  const fresh = template.content.querySelector("#outline");
  const current = document.getElementById("outline");
  if (!fresh || !current) return false;
  current.replaceWith(fresh);
  const focusKey = fresh.dataset.focus || "";
  const itemKey = focusKey.replace(/-(up|down|drag)$/, "");
  const target =
    fresh.querySelector(`[data-focus-key="${focusKey}"]`) ||
    fresh.querySelector(`[data-item-key="${itemKey}"]`);
  if (target) target.focus();
  if (fresh.dataset.announcement) announce(fresh.dataset.announcement);
  return true;
}

async function postMove(url, fields) {
  const body = new FormData();
  body.append("csrfmiddlewaretoken", csrfToken());
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-Builder": "outline" },
    });
  } catch (error) {
    window.location.reload();
    return;
  }
  // A refused move redirects to the builder with a message: show the page as it is.
  if (!response.ok || response.redirected || !swapOutline(await response.text())) {
    window.location.reload();
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.matches("form[data-move]")) {
    event.preventDefault();
    const button = event.submitter;
    postMove(form.action, { direction: button ? button.value : "" });
  } else if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// ------------------------------------------------------------ drag and drop

let dragged = null;

function dropKey(element) {
  const zone = element.closest("[data-drop-key]");
  if (zone) return zone.dataset.dropKey;
  const item = element.closest("[data-item-key]");
  return item ? item.dataset.itemKey : null;
}

function clearMarks() {
  document.querySelectorAll(".drop-target").forEach((el) => el.classList.remove("drop-target"));
}

function enableDragging(root) {
  root.querySelectorAll("[data-item-key]").forEach((item) => {
    const handle = item.querySelector(":scope > .item-head > .drag-handle");
    if (!handle) return;
    handle.addEventListener("mousedown", () => { item.draggable = true; });
    handle.addEventListener("mouseup", () => { item.draggable = false; });
  });
}

document.addEventListener("dragstart", (event) => {
  const item = event.target.closest && event.target.closest("[data-item-key]");
  if (!item) return;
  dragged = item;
  event.dataTransfer.effectAllowed = "move";
  event.dataTransfer.setData("text/plain", item.dataset.itemKey);
  document.body.classList.add("is-dragging");
  item.classList.add("dragging");
});

document.addEventListener("dragover", (event) => {
  if (!dragged) return;
  const key = dropKey(event.target);
  if (!key || key === dragged.dataset.itemKey) return;
  event.preventDefault();
  clearMarks();
  const target = event.target.closest("[data-drop-key], [data-item-key]");
  if (target) target.classList.add("drop-target");
});

document.addEventListener("drop", (event) => {
  if (!dragged) return;
  const key = dropKey(event.target);
  if (!key || key === dragged.dataset.itemKey) return;
  event.preventDefault();
  postMove(dragged.dataset.moveUrl, { before: key });
});

document.addEventListener("dragend", () => {
  if (dragged) {
    dragged.classList.remove("dragging");
    dragged.draggable = false;
  }
  dragged = null;
  clearMarks();
  document.body.classList.remove("is-dragging");
});

const outlineObserver = new MutationObserver(() => {
  const outline = document.getElementById("outline");
  if (outline && !outline.dataset.dragReady) {
    outline.dataset.dragReady = "1";
    enableDragging(outline);
  }
});
const main = document.getElementById("main");
if (main) outlineObserver.observe(main, { childList: true, subtree: true });
const initial = document.getElementById("outline");
if (initial) {
  initial.dataset.dragReady = "1";
  enableDragging(initial);
}
