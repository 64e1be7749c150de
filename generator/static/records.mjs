// Result documents (SCORING.md format): the names of the roles and making a new document.
// Reading one from a file is resultfile.mjs, which only the pages that take files load. No DOM.

import { translator } from "./i18n.mjs";

export function roleNames(spec) {
  const t = translator(spec);
  return Object.fromEntries([...spec.roles.map((r) => [r.id, r.name]), ["starter", t("results.starter_role")]]);
}

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
