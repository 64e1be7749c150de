// The scoring contract of SCORING.md over the compiled spec: the browser twin of
// generator/scoring.py. No DOM. Integer arithmetic only, so both always agree exactly.

import { translator } from "./i18n.mjs";

export class AnswerError extends Error {}

export const itemScore = (value, reverse) => (reverse ? 6 - value : value);

/** A role is scored when at least 80% of its items are answered: n >= ceil(0.8 N). */
export const enough = (answered, total) => total > 0 && 5 * answered >= 4 * total;

/** (mean - 1) / 4 * 100, rounded half up, in integers. */
export const roleScore = (sum, answered) =>
  Math.floor((200 * (sum - answered) + 4 * answered) / (8 * answered));

export function band(score, thresholds) {
  if (score >= thresholds.strong) return "strong";
  if (score >= thresholds.developing) return "developing";
  return "emerging";
}

/** The Likert answer for "did not come up" (self) or "not seen" (observer): no item score. */
export const NA = "na";

const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

/** Code-point order, like Python's sort (plain `<` compares UTF-16 units). */
export function byCodePoint(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

/** A bad answer as both scorers print it: safe integers as digits, anything else by kind, in words of `t`. */
export function describe(value, t) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return String(value === 0 ? 0 : value);
    return Number.isInteger(value) ? t("error.value.out_of_range") : t("error.value.fraction");
  }
  if (typeof value === "string") return t("error.value.text");
  return Array.isArray(value) ? t("error.value.list") : t("error.value.object");
}

/** Split answers into known ones and ignored ids; throw AnswerError on a bad value. */
export function checkAnswers(spec, assessmentId, answers) {
  const assessment = spec.assessments[assessmentId];
  const t = translator(spec);
  const items = new Set(assessment.items);
  const scenarios = new Set(assessment.scenarios);
  const known = {};
  const ignored = [];
  for (const [key, value] of Object.entries(answers)) {
    if (items.has(key)) {
      if (value !== NA && (!Number.isInteger(value) || value < 1 || value > 5)) {
        throw new AnswerError(t("error.answer.likert", { item: key, value: describe(value, t) }));
      }
      known[key] = value;
    } else if (scenarios.has(key)) {
      const options = spec.scenarios[key].options.map((o) => o.id);
      if (typeof value !== "string" || !options.includes(value)) {
        throw new AnswerError(t("error.answer.scenario", { item: key, options: options.join(", "), value: describe(value, t) }));
      }
      known[key] = value;
    } else {
      ignored.push(key);
    }
  }
  return { known, ignored: ignored.sort(byCodePoint) };
}

export function roleResults(spec, assessmentId, answers) {
  const totals = new Map();
  for (const id of spec.assessments[assessmentId].items) {
    const item = spec.items[id];
    if (!totals.has(item.role)) totals.set(item.role, [0, 0, 0, 0]); // N, n, S, na
    const tally = totals.get(item.role);
    tally[0] += 1;
    if (own(answers, id) && answers[id] === NA) {
      tally[3] += 1;
    } else if (own(answers, id)) {
      tally[1] += 1;
      tally[2] += itemScore(answers[id], item.reverse);
    }
  }
  const rows = [];
  for (const role of spec.role_ids) {
    if (!totals.has(role)) continue;
    const [total, answered, sum, na] = totals.get(role);
    const score = enough(answered, total) ? roleScore(sum, answered) : null;
    rows.push({
      role,
      answered,
      na,
      total,
      score,
      band: score === null ? null : band(score, spec.thresholds),
    });
  }
  return rows;
}

/** Lead roles, growth edge and kind; rows come in canonical order, which breaks every tie. */
export function profile(rows, margin) {
  const scored = rows.filter((r) => r.score !== null);
  if (scored.length < 2) return null;
  const ranked = [...scored].sort((a, b) => b.score - a.score); // stable: ties keep canonical order
  const top = ranked[0].score;
  const bottom = ranked[ranked.length - 1].score;
  const lead = scored.filter((r) => top - r.score < margin).map((r) => r.role);
  if (lead.length === scored.length) return { kind: "balanced", lead, growth_edge: [] };
  const edge = scored
    .filter((r) => !lead.includes(r.role) && r.score - bottom < margin)
    .map((r) => r.role);
  return { kind: lead.length === 1 ? "primary" : "blended", lead, growth_edge: edge };
}

export function plan(spec, rows, prof) {
  const bands = Object.fromEntries(rows.filter((r) => r.band !== null).map((r) => [r.role, r.band]));
  const order = prof
    ? [...prof.growth_edge, ...prof.lead]
    : rows.filter((r) => r.band !== null).map((r) => r.role);
  const rolePart = [];
  for (const role of order) {
    for (const ex of spec.exercises) {
      if (ex.role === role && ex.bands.includes(bands[role]) && !rolePart.includes(ex.id)) {
        rolePart.push(ex.id);
      }
    }
  }
  const chosen = rolePart.slice(0, spec.plan_length - spec.starter_slots);
  for (const ex of spec.exercises) {
    if (chosen.length >= spec.plan_length) break;
    if (ex.role === "starter" && !chosen.includes(ex.id)) chosen.push(ex.id);
  }
  return chosen;
}

export function scenarioFeedback(spec, assessmentId, answers) {
  const out = [];
  for (const sid of spec.assessments[assessmentId].scenarios) {
    if (!own(answers, sid)) continue;
    const options = spec.scenarios[sid].options;
    const chosen = options.find((o) => o.id === answers[sid]);
    const best = options.reduce((a, b) => (b.rating > a.rating ? b : a));
    out.push({
      scenario: sid,
      chosen: chosen.id,
      rating: chosen.rating,
      feedback: chosen.feedback,
      best: best.id,
    });
  }
  return out;
}

/** Score one set of answers: the same output, key for key, as generator.scoring.score. */
export function score(spec, assessmentId, answers) {
  if (!own(spec.assessments, assessmentId)) {
    const t = translator(spec);
    throw new AnswerError(t("error.answer.assessment", { assessment: assessmentId }));
  }
  const { known, ignored } = checkAnswers(spec, assessmentId, answers);
  const rows = roleResults(spec, assessmentId, known);
  const prof = profile(rows, spec.margin);
  return {
    assessment: assessmentId,
    roles: rows,
    profile: prof,
    plan: plan(spec, rows, prof),
    scenarios: scenarioFeedback(spec, assessmentId, known),
    ignored,
  };
}
