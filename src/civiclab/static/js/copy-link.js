// Copy buttons for links to share: shown only when the browser can copy (progressive
// enhancement); without JavaScript the link stays selectable in its read-only box.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = document.querySelector(".copy-status");
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = status.dataset.copied;
    } catch {
      field.select();
    }
  });
}
