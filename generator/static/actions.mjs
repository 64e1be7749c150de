// Small interactions the coach and observer pages share: copying a link, the panel that shows a
// link just made, and taking files from a file input or a drop zone. DOM only; no words (callers
// say what happened).

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

/**
 * The panel of a link made from a form (assign, invite): `[data-hai-output]` with the link field,
 * its preview and its copy button, a note that the link is out of date once the form changes
 * (`[data-hai-stale]`), and the page's status line.
 * @param words {copied, manual}: () => what to say once the link is copied, or must be copied by hand
 * @returns {show(url, text), say(text), stale}
 */
export function linkPanel(root, form, words) {
  const output = root.querySelector("[data-hai-output]");
  const status = root.querySelector("[data-hai-status]");
  const linkField = root.querySelector("[data-hai-link]");
  const copied = root.querySelector("[data-hai-copied]");
  const stale = root.querySelector("[data-hai-stale]");
  const preview = root.querySelector("[data-hai-preview]");
  form.addEventListener("input", () => {
    if (!output.hidden) stale.hidden = false;
  });
  root.querySelector('[data-action="copy"]').addEventListener("click", async () => {
    announce(copied, (await copyField(linkField)) ? words.copied() : words.manual());
  });
  const say = (text) => {
    status.textContent = text;
  };
  return {
    output,
    stale,
    say,
    /** Show a new link, say `text`, and select the link so it can be copied at once. */
    show(url, text) {
      linkField.value = url;
      preview.href = url;
      copied.textContent = "";
      stale.hidden = true;
      output.hidden = false;
      say(text);
      linkField.focus();
      linkField.select();
    },
  };
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
