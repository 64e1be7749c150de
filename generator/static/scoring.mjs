// The scoring contract of SCORING.md over the compiled spec: the browser twin of
// generator/scoring.py. No DOM. Integer arithmetic only, so both always agree exactly.

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

const own = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0); // code-point order, like Python's sort

/** Split answers into known ones and ignored ids; throw AnswerError on a bad value. */
export function checkAnswers(spec, assessmentId, answers) {
  const assessment = spec.assessments[assessmentId];
  const items = new Set(assessment.items);
  const scenarios = new Set(assessment.scenarios);
  const known = {};
  const ignored = [];
  for (const [key, value] of Object.entries(answers)) {
    if (items.has(key)) {
      if (!Number.isInteger(value) || value < 1 || value > 5) {
        throw new AnswerError(
          `answer to '${key}' must be a whole number from 1 to 5, got ${JSON.stringify(value)}`,
        );
      }
      known[key] = value;
    } else if (scenarios.has(key)) {
      const options = spec.scenarios[key].options.map((o) => o.id);
      if (!options.includes(value)) {
        throw new AnswerError(
          `answer to scenario '${key}' must be one of ${options.join(", ")}, got ${JSON.stringify(value)}`,
        );
      }
      known[key] = value;
    } else {
      ignored.push(key);
    }
  }
  return { known, ignored: ignored.sort(compare) };
}

export function roleResults(spec, assessmentId, answers) {
  const totals = new Map();
  for (const id of spec.assessments[assessmentId].items) {
    const item = spec.items[id];
    if (!totals.has(item.role)) totals.set(item.role, [0, 0, 0]);
    const tally = totals.get(item.role);
    tally[0] += 1;
    if (own(answers, id)) {
      tally[1] += 1;
      tally[2] += itemScore(answers[id], item.reverse);
    }
  }
  const rows = [];
  for (const role of spec.role_ids) {
    if (!totals.has(role)) continue;
    const [total, answered, sum] = totals.get(role);
    const score = enough(answered, total) ? roleScore(sum, answered) : null;
    rows.push({
      role,
      answered,
      total,
      score,
      band: score === null ? null : band(score, spec.thresholds),
    });
  }
  return rows;
}

export function profile(rows, margin, roleIds) {
  const scored = rows.filter((r) => r.score !== null);
  if (scored.length < 2) return null;
  const ranked = [...scored].sort(
    (a, b) => b.score - a.score || roleIds.indexOf(a.role) - roleIds.indexOf(b.role),
  );
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
  const chosen = [];
  for (const role of order) {
    for (const ex of spec.exercises) {
      if (ex.role === role && ex.bands.includes(bands[role]) && !chosen.includes(ex.id)) {
        chosen.push(ex.id);
      }
    }
  }
  for (const ex of spec.exercises) {
    if (ex.role === "starter" && !chosen.includes(ex.id)) chosen.push(ex.id);
  }
  return chosen.slice(0, spec.plan_length);
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
  if (!own(spec.assessments, assessmentId)) throw new AnswerError(`unknown assessment '${assessmentId}'`);
  const { known, ignored } = checkAnswers(spec, assessmentId, answers);
  const rows = roleResults(spec, assessmentId, known);
  const prof = profile(rows, spec.margin, spec.role_ids);
  return {
    assessment: assessmentId,
    roles: rows,
    profile: prof,
    plan: plan(spec, rows, prof),
    scenarios: scenarioFeedback(spec, assessmentId, known),
    ignored,
  };
}
