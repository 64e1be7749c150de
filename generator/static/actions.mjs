// Two small interactions the coach and observer pages share: copying a link, and taking files
// from a file input or a drop zone. DOM only; no words (callers say what happened).

/** Copy a text field's value; true when it worked (clipboard, else the older copy command). */
export async function copyField(field) {
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

/** Announce `text` in a live region even when it is the same as last time (empty it first). */
export function announce(region, text) {
  region.textContent = "";
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** Files chosen in `input` or dropped on `zone` go to `add(files)` (a promise); the input is
 * emptied after, so choosing the same file again still counts. */
export function takeFiles(input, zone, add) {
  input.addEventListener("change", () => {
    add(input.files).then(() => {
      input.value = "";
    });
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("hai-drop--over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("hai-drop--over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("hai-drop--over");
    if (event.dataTransfer?.files?.length) add(event.dataTransfer.files);
  });
}
