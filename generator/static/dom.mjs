// Small helpers for filling the page's <template> elements. Text always goes in through
// textContent, never innerHTML, so nothing from a bank, a file or storage can run as markup.

/** Clone the template named `name` found inside `scope`. */
export function clone(scope, name) {
  const tpl = scope.querySelector(`template[data-hai-tpl="${name}"]`);
  if (!tpl) throw new Error(`missing template ${name}`);
  return tpl.content.cloneNode(true);
}

/** The element of `fragment` marked data-slot=`name`. */
export const slot = (fragment, name) => fragment.querySelector(`[data-slot="${name}"]`);

/** Put text into each named slot. */
export function fill(fragment, texts) {
  for (const [name, text] of Object.entries(texts)) {
    const el = slot(fragment, name);
    if (el) el.textContent = text;
  }
  return fragment;
}

/**
 * A message from the page's template `name` as plain text: slots filled with `texts`, slots
 * named in `drop` left out. The wording lives in the page, so scripts hold no sentences.
 */
export function say(scope, name, texts = {}, drop = []) {
  const fragment = fill(clone(scope, name), texts);
  for (const part of drop) slot(fragment, part)?.remove();
  return fragment.textContent.replace(/\s+/g, " ").trim();
}

/** Show a notice: text, and optionally its action buttons. */
export function notify(notice, text, withActions = false) {
  if (!notice) return;
  slot(notice, "text").textContent = text;
  const actions = slot(notice, "actions");
  if (actions) actions.hidden = !withActions;
  notice.hidden = !text;
}

/** The language of the page around `el` (its nearest lang attribute). */
export const pageLang = (el) => el.closest("[lang]")?.lang || document.documentElement.lang || "en";

/**
 * A plural message from the page: the template `name-<form>`, its form chosen by `count` as
 * Intl.PluralRules chooses it in the page's language (`-other` when the page has no such form).
 */
export function sayCount(scope, name, count, texts = {}) {
  const form = new Intl.PluralRules(pageLang(scope)).select(count);
  const found = scope.querySelector(`template[data-hai-tpl="${name}-${form}"]`);
  return say(scope, found ? `${name}-${form}` : `${name}-other`, texts);
}

/** Offer `data` as a file download, without any server. */
export function download(filename, data, type = "application/json") {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
