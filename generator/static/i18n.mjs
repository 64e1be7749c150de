// Messages for scripts, from the compiled spec (its "messages" hold just the keys scripts use,
// in the page's language): placeholders, plurals by Intl.PluralRules, numbers, dates and lists
// by Intl, so no script holds a sentence or a grammar rule of its own. No DOM.

/** A function (key, params) => text for the spec's language. */
export function translator(spec) {
  const messages = spec?.messages ?? {};
  const lang = spec?.lang ?? "en";
  const plural = new Intl.PluralRules(lang);
  const number = new Intl.NumberFormat(lang);
  return (key, params = {}) => {
    let message = messages[key];
    if (message === undefined) return key; // shows itself; the catalogue tests catch it first
    const values = { ...params };
    if (typeof message === "object") message = message[plural.select(params.count ?? 0)] ?? message.other;
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === "number" && Number.isInteger(value)) values[name] = number.format(value);
    }
    return message.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
  };
}

/** "A, B and C" in the page's language. */
export const joinList = (lang, items) =>
  new Intl.ListFormat(lang, { style: "long", type: "conjunction" }).format(items);

/** A date (ISO text) as people of the language write it; the text itself when unreadable. */
export function formatDate(lang, iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? "");
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }).format(date);
}

/** A calendar day (YYYY-MM-DD, local) as people of the language write it, with its weekday if asked. */
export function formatDay(lang, ymd, { weekday = false } = {}) {
  const [y, m, d] = String(ymd).split("-").map(Number);
  const date = new Date(y, m - 1, d);
  if (Number.isNaN(date.getTime())) return String(ymd ?? "");
  return new Intl.DateTimeFormat(lang, { dateStyle: weekday ? "full" : "long" }).format(date);
}

/**
 * A translator for scripts that run with no spec (main.mjs, erase.mjs): the messages the theme
 * printed into the page (`<template data-hai-messages>`, one span per message or plural form).
 */
export function pageTranslator(doc) {
  const messages = {};
  for (const span of doc.querySelector("template[data-hai-messages]")?.content.querySelectorAll("[data-key]") ?? []) {
    const { key, form } = span.dataset;
    if (form) messages[key] = { ...messages[key], [form]: span.textContent };
    else messages[key] = span.textContent;
  }
  return translator({ lang: doc.documentElement.lang || "en", messages });
}
