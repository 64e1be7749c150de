// Reading a result document from a file, checked the way the Python CLI checks it (size, JSON,
// format, types, answers), with its warnings. Loaded by the pages that take files. No DOM.

import { translator } from "./i18n.mjs";
import { AnswerError, NA, describe, score } from "./scoring.mjs";

export const PERSPECTIVES = ["self", "observer"];
export const RELATIONSHIPS = ["manager", "peer", "direct-report", "other"];

export const MAX_RESULT_BYTES = 256 * 1024; // spec.limits.result_bytes; kept for callers that have no spec yet

/** A value in a message, as the Python reader prints it: text in JSON quotes, else by kind. */
const quoted = (value, t) => (typeof value === "string" ? JSON.stringify(value) : describe(value, t));

/** The warnings of a readable result file, worded as generator/results.py words them. */
export function resultWarnings(version, current, ignored, t) {
  const warnings = [];
  if (version !== current) {
    warnings.push(t("error.warning.version", { version: version || t("error.warning.unknown_version"), current }));
  }
  if (ignored.length) {
    const ids = ignored.slice(0, 10).join(", ") + (ignored.length > 10 ? " …" : "");
    warnings.push(t("error.warning.ignored", { count: ignored.length, ids }));
  }
  return warnings;
}

function choice(doc, key, allowed, fallback, t) {
  if (!Object.hasOwn(doc, key)) {
    if (fallback !== null) return fallback;
    throw new Error(t("error.file.missing", { key, allowed: allowed.join(", ") }));
  }
  if (!allowed.includes(doc[key])) throw new Error(t("error.file.choice", { key, value: quoted(doc[key], t), allowed: allowed.join(", ") }));
  return doc[key];
}

/** Check one result file's text; returns {doc, warnings} or throws Error with a clear message. */
export function parseResultText(spec, text, size = text.length) {
  const t = translator(spec);
  const limits = spec.limits;
  if (size > limits.result_bytes) {
    throw new Error(t("error.file.too_big", { size, max: limits.result_bytes }));
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(t("error.file.not_json"));
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new Error(t("error.file.not_object"));
  const formats = spec.result_formats ?? [spec.result_format];
  if (!formats.includes(doc.format)) {
    const readable = formats.map((f) => `'${f}'`).join(t("error.file.format_join"));
    throw new Error(t("error.file.format", { value: quoted(doc.format, t), formats: readable }));
  }
  if (typeof doc.assessment !== "string" || !Object.hasOwn(spec.assessments, doc.assessment)) {
    throw new Error(t("error.file.assessment", { value: quoted(doc.assessment, t), known: Object.keys(spec.assessments).join(", ") }));
  }
  if (!doc.answers || typeof doc.answers !== "object" || Array.isArray(doc.answers)) {
    throw new Error(t("error.file.answers"));
  }
  for (const key of ["name", "taken_at", "bank_version", "about", "invite"]) {
    const limit = limits[key];
    if (doc[key] !== undefined && typeof doc[key] !== "string") throw new Error(t("error.file.not_text", { key }));
    if (typeof doc[key] === "string" && [...doc[key]].length > limit) throw new Error(t("error.file.too_long", { key, limit }));
  }
  const legacy = doc.format.endsWith("/1");
  const perspective = choice(doc, "perspective", PERSPECTIVES, legacy ? "self" : null, t);
  choice(doc, "relationship", RELATIONSHIPS, "", t);
  if (legacy && Object.values(doc.answers).includes(NA)) {
    throw new Error(t("error.file.legacy_na", { format: doc.format }));
  }
  if (perspective === "observer" && spec.assessments[doc.assessment].scenarios.some((id) => Object.hasOwn(doc.answers, id))) {
    throw new Error(t("error.file.observer_scenarios"));
  }
  let result;
  try {
    result = score(spec, doc.assessment, doc.answers);
  } catch (err) {
    if (err instanceof AnswerError) throw new Error(err.message);
    throw err;
  }
  const warnings = resultWarnings(doc.bank_version || "", spec.assessments[doc.assessment].bank_version, result.ignored, t);
  if (!Object.hasOwn(doc, "perspective")) doc.perspective = perspective;
  return { doc, result, warnings };
}
