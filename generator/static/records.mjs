// Result documents (SCORING.md format): making one, and checking one read from a file the
// way the Python CLI checks it (size, JSON, format, types, answers). No DOM.

import { AnswerError, NA, describe, score } from "./scoring.mjs";

export const roleNames = (spec) =>
  Object.fromEntries([...spec.roles.map((r) => [r.id, r.name]), ["starter", "Starting practice"]]);

export const PERSPECTIVES = ["self", "observer"];
export const RELATIONSHIPS = ["manager", "peer", "direct-report", "other"];

/**
 * A new result document for export and history (SCORING.md). `extra` holds an observer file's
 * optional relationship, about and invite; empty values are left out.
 */
export function resultDoc(spec, assessment, answers, name = "", perspective = "self", extra = {}) {
  const doc = {
    format: spec.result_format,
    assessment,
    bank_version: spec.assessments[assessment].bank_version,
    taken_at: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    perspective,
  };
  if (name) doc.name = name;
  for (const [k, v] of Object.entries(extra)) if (v) doc[k] = v;
  doc.answers = answers;
  return doc;
}

export const MAX_RESULT_BYTES = 256 * 1024;

/** A value in a message, as the Python reader prints it: text in JSON quotes, else by kind. */
const quoted = (value) => (typeof value === "string" ? JSON.stringify(value) : describe(value));

/** The warnings of a readable result file, worded as generator/results.py words them. */
export function resultWarnings(version, current, ignored) {
  const warnings = [];
  if (version !== current) {
    warnings.push(`Taken with bank version ${version || "unknown"}; scored against the current ${current}.`);
  }
  if (ignored.length) {
    const listed = ignored.slice(0, 10).join(", ") + (ignored.length > 10 ? " …" : "");
    warnings.push(`Ignored ${ignored.length} answer(s) to statements that no longer exist: ${listed}.`);
  }
  return warnings;
}

function choice(doc, key, allowed, fallback) {
  if (!Object.hasOwn(doc, key)) {
    if (fallback !== null) return fallback;
    throw new Error(`'${key}' is missing; expected one of ${allowed.join(", ")}`);
  }
  if (!allowed.includes(doc[key])) throw new Error(`'${key}' is ${quoted(doc[key])}; expected one of ${allowed.join(", ")}`);
  return doc[key];
}

/** Check one result file's text; returns {doc, warnings} or throws Error with a clear message. */
export function parseResultText(spec, text, size = text.length) {
  if (size > MAX_RESULT_BYTES) {
    throw new Error(`file is ${size.toLocaleString()} bytes; a result file is at most ${MAX_RESULT_BYTES.toLocaleString()}`);
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error("not valid JSON; is this a result file?");
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new Error("expected a JSON object");
  const formats = spec.result_formats ?? [spec.result_format];
  if (!formats.includes(doc.format)) {
    throw new Error(`'format' is ${quoted(doc.format)}; this site reads ${formats.map((f) => `'${f}'`).join(" or ")}`);
  }
  if (typeof doc.assessment !== "string" || !Object.hasOwn(spec.assessments, doc.assessment)) {
    throw new Error(`unknown assessment ${quoted(doc.assessment)}; this site has ${Object.keys(spec.assessments).join(", ")}`);
  }
  if (!doc.answers || typeof doc.answers !== "object" || Array.isArray(doc.answers)) {
    throw new Error("'answers' must be an object of item id to answer");
  }
  for (const [key, limit] of [["name", 100], ["taken_at", 40], ["bank_version", 64], ["about", 100], ["invite", 20]]) {
    if (doc[key] !== undefined && typeof doc[key] !== "string") throw new Error(`'${key}' must be text`);
    if (typeof doc[key] === "string" && [...doc[key]].length > limit) throw new Error(`'${key}' is longer than ${limit} characters`);
  }
  const legacy = doc.format.endsWith("/1");
  const perspective = choice(doc, "perspective", PERSPECTIVES, legacy ? "self" : null);
  choice(doc, "relationship", RELATIONSHIPS, "");
  if (legacy && Object.values(doc.answers).includes(NA)) {
    throw new Error(`a 'role-profile-result/1' file cannot hold "na" answers`);
  }
  if (perspective === "observer" && spec.assessments[doc.assessment].scenarios.some((id) => Object.hasOwn(doc.answers, id))) {
    throw new Error("an observer's file holds no scenario answers");
  }
  let result;
  try {
    result = score(spec, doc.assessment, doc.answers);
  } catch (err) {
    if (err instanceof AnswerError) throw new Error(err.message);
    throw err;
  }
  const warnings = resultWarnings(doc.bank_version || "", spec.assessments[doc.assessment].bank_version, result.ignored);
  if (!Object.hasOwn(doc, "perspective")) doc.perspective = perspective;
  return { doc, result, warnings };
}
