// Result documents (SCORING.md format): making one, and checking one read from a file the
// way the Python CLI checks it (size, JSON, format, types, answers). No DOM.

import { AnswerError, score } from "./scoring.mjs";

export const roleNames = (spec) =>
  Object.fromEntries([...spec.roles.map((r) => [r.id, r.name]), ["starter", "Starting practice"]]);

/** A new result document for export and history. */
export function resultDoc(spec, assessment, answers, name = "") {
  const doc = {
    format: spec.result_format,
    assessment,
    bank_version: spec.assessments[assessment].bank_version,
    taken_at: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
  if (name) doc.name = name;
  doc.answers = answers;
  return doc;
}

export const MAX_RESULT_BYTES = 256 * 1024;

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
  if (doc.format !== spec.result_format) {
    throw new Error(`'format' is ${JSON.stringify(doc.format ?? null)}; this site reads '${spec.result_format}'`);
  }
  if (typeof doc.assessment !== "string" || !Object.hasOwn(spec.assessments, doc.assessment)) {
    throw new Error(`unknown assessment ${JSON.stringify(doc.assessment ?? null)}`);
  }
  if (!doc.answers || typeof doc.answers !== "object" || Array.isArray(doc.answers)) {
    throw new Error("'answers' must be an object of item id to answer");
  }
  for (const [key, limit] of [["name", 100], ["taken_at", 40], ["bank_version", 64]]) {
    if (doc[key] !== undefined && typeof doc[key] !== "string") throw new Error(`'${key}' must be text`);
    if (typeof doc[key] === "string" && [...doc[key]].length > limit) throw new Error(`'${key}' is longer than ${limit} characters`);
  }
  let result;
  try {
    result = score(spec, doc.assessment, doc.answers);
  } catch (err) {
    if (err instanceof AnswerError) throw new Error(err.message);
    throw err;
  }
  const warnings = [];
  const current = spec.assessments[doc.assessment].bank_version;
  if ((doc.bank_version || "") !== current) {
    warnings.push(`Taken with bank version ${doc.bank_version || "unknown"}; scored against the current ${current}.`);
  }
  if (result.ignored.length) {
    warnings.push(`Ignored ${result.ignored.length} answer(s) to statements that no longer exist.`);
  }
  return { doc, result, warnings };
}
