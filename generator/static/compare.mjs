// Self and others (contracts/compare.md): the browser twin of generator/compare.py. No DOM.
// Integers and exact fractions only, so the page and `python -m generator compare` agree exactly.

import { joinList, translator } from "./i18n.mjs";
import { MAX_RESULT_BYTES, RELATIONSHIPS, parseResultText } from "./resultfile.mjs";
import { band, itemScore, profile, roleResults } from "./scoring.mjs";
import { compareCodePoints } from "./team.mjs";

export { RELATIONSHIPS } from "./resultfile.mjs";
export const MIN_OBSERVERS = 3;
export const GAP_THRESHOLD = 15;
const TOP_ITEMS = 3;

/** min_observers and gap_threshold of the spec, or the contract's defaults. */
export const settings = (spec) => [spec.min_observers ?? MIN_OBSERVERS, spec.gap_threshold ?? GAP_THRESHOLD];

const rated = (answers) => Object.fromEntries(Object.entries(answers).filter(([, v]) => Number.isInteger(v)));

/** Role id -> role score (or null), exactly as the scorer gives it. */
export function scoresOf(spec, assessment, answers) {
  return Object.fromEntries(roleResults(spec, assessment, rated(answers)).map((r) => [r.role, r.score]));
}

/** The mean of observers' role scores rounded half up: (2 sum + k) // (2 k). */
export function othersMean(scores) {
  const k = scores.length;
  return Math.floor((2 * scores.reduce((a, b) => a + b, 0) + k) / (2 * k));
}

export function statusOf(gap, threshold) {
  if (gap === null) return null;
  if (gap >= threshold) return "blind-spot";
  if (-gap >= threshold) return "hidden-strength";
  return "aligned";
}

export function roleRows(spec, selfScores, observerScores) {
  const [minimum, threshold] = settings(spec);
  const rows = [];
  for (const role of spec.role_ids) {
    if (!Object.hasOwn(selfScores, role)) continue;
    const mine = selfScores[role];
    const theirs = observerScores.map((s) => s[role]).filter((v) => v !== undefined && v !== null);
    const others = theirs.length >= minimum ? othersMean(theirs) : null;
    const gap = mine !== null && others !== null ? mine - others : null;
    rows.push({
      role,
      self: mine,
      self_band: mine === null ? null : band(mine, spec.thresholds),
      k: theirs.length,
      others,
      others_band: others === null ? null : band(others, spec.thresholds),
      gap,
      status: statusOf(gap, threshold),
    });
  }
  return rows;
}

const gcd = (a, b) => (b === 0 ? Math.abs(a) : gcd(b, a % b));

export function itemGaps(spec, assessment, selfAnswers, observers) {
  const [minimum] = settings(spec);
  const gaps = [];
  spec.assessments[assessment].items.forEach((id, index) => {
    const item = spec.items[id];
    const mine = selfAnswers[id];
    if (!Number.isInteger(mine)) return;
    const theirs = observers
      .filter((o) => Number.isInteger(o.answers[id]))
      .map((o) => itemScore(o.answers[id], item.reverse));
    if (theirs.length < minimum) return;
    const own = itemScore(mine, item.reverse);
    const n = theirs.length;
    const sum = theirs.reduce((a, b) => a + b, 0);
    const num = own * n - sum; // gap = own - sum / n, exactly
    const d = gcd(num, n) || 1;
    const othersTenths = Math.floor((20 * sum + n) / (2 * n));
    gaps.push({
      num, den: n, index,
      entry: {
        item: id,
        role: item.role,
        self: own,
        n,
        others_sum: sum,
        others_tenths: othersTenths,
        gap_num: num / d,
        gap_den: n / d,
        gap_tenths: 10 * own - othersTenths,
      },
    });
  });
  // a.num / a.den against b.num / b.den, by cross-multiplying (denominators are positive)
  const byGap = (a, b) => a.num * b.den - b.num * a.den;
  const higher = gaps.filter((g) => g.num >= g.den).sort((a, b) => byGap(b, a) || a.index - b.index);
  const lower = gaps.filter((g) => -g.num >= g.den).sort((a, b) => byGap(a, b) || a.index - b.index);
  return {
    higher: higher.slice(0, TOP_ITEMS).map((g) => g.entry),
    lower: lower.slice(0, TOP_ITEMS).map((g) => g.entry),
  };
}

/**
 * The comparison over checked answers.
 * @param observers [{answers, relationship}] (relationship one of RELATIONSHIPS or "")
 */
export function compare(spec, assessment, selfAnswers, observers) {
  const [minimum, threshold] = settings(spec);
  const scored = observers.map((o) => scoresOf(spec, assessment, o.answers));
  const mine = scoresOf(spec, assessment, selfAnswers);
  const rows = roleRows(spec, mine, scored);
  const groups = [];
  let grouped = 0;
  for (const rel of RELATIONSHIPS) {
    const members = scored.filter((_, i) => observers[i].relationship === rel);
    if (members.length < minimum) continue;
    grouped += members.length;
    groups.push({
      relationship: rel,
      n: members.length,
      roles: roleRows(spec, mine, members).map(({ role, k, others, gap, status }) => ({ role, k, others, gap, status })),
    });
  }
  const count = observers.length;
  const pick = (status) => rows.filter((r) => r.status === status).map((r) => r.role);
  return {
    assessment,
    min_observers: minimum,
    gap_threshold: threshold,
    observers: count,
    needed: Math.max(0, minimum - count),
    roles: rows,
    self_profile: profile(rows.map((r) => ({ role: r.role, score: r.self })), spec.margin, spec.role_ids),
    others_profile: profile(rows.map((r) => ({ role: r.role, score: r.others })), spec.margin, spec.role_ids),
    blind_spots: pick("blind-spot"),
    hidden_strengths: pick("hidden-strength"),
    aligned: pick("aligned"),
    items: itemGaps(spec, assessment, selfAnswers, observers),
    groups,
    ungrouped: count - grouped,
  };
}

// ---- from files ----------------------------------------------------------------------------

const baseName = (name) => String(name).split(/[\\/]/).pop();
const sortedEntries = (answers) => JSON.stringify(Object.entries(answers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function parseFile(spec, t, f) {
  if (f.error) throw new Error(f.error);
  const size = f.size ?? new TextEncoder().encode(f.text ?? "").length;
  if (f.text === null && !(size > MAX_RESULT_BYTES)) throw new Error(t("compare.not_text"));
  return parseResultText(spec, f.text ?? "", size);
}

export class CompareError extends Error {}

/**
 * The comparison of contracts/compare.md from files.
 * @param selfFile {name, text, size} (text null: not UTF-8; error: could not be read)
 * @param observerFiles [{name, text, size, error?}]
 * @throws CompareError when the leader's own file cannot be used
 */
export function compareFiles(spec, selfFile, observerFiles) {
  const t = translator(spec);
  const selfName = baseName(selfFile.name);
  let own;
  try {
    own = parseFile(spec, t, selfFile);
  } catch (err) {
    throw new CompareError(`${selfName}: ${err.message}`);
  }
  if (own.doc.perspective !== "self") {
    throw new CompareError(`${selfName}: ${t("compare.self_is_observer")}`);
  }
  const assessment = own.doc.assessment;
  const ownKey = sortedEntries(own.doc.answers);
  const rejected = [];
  const accepted = [];
  const seen = new Map();
  for (const f of observerFiles) {
    const name = baseName(f.name);
    const reject = (reason, error) => rejected.push({ file: name, reason, error });
    let parsed;
    try {
      parsed = parseFile(spec, t, f);
    } catch (err) {
      reject("broken", err.message);
      continue;
    }
    const { doc } = parsed;
    if (doc.perspective !== "observer") {
      const same = doc.assessment === assessment && sortedEntries(doc.answers) === ownKey;
      reject("self", same ? t("compare.rejected.own") : t("compare.rejected.self"));
      continue;
    }
    if (doc.assessment !== assessment) {
      reject("assessment", t("compare.rejected.assessment", { other: doc.assessment, assessment }));
      continue;
    }
    const key = JSON.stringify([doc.invite || "", doc.taken_at || "", sortedEntries(doc.answers)]);
    if (seen.has(key)) {
      reject("duplicate", t("compare.rejected.duplicate", { first: seen.get(key) }));
      continue;
    }
    seen.set(key, name);
    accepted.push({ file: name, invite: doc.invite || "", about: doc.about || "", warnings: parsed.warnings, answers: doc.answers, relationship: doc.relationship || "" });
  }
  const observers = accepted.map((a) => ({ answers: a.answers, relationship: a.relationship }));
  const report = compare(spec, assessment, own.doc.answers, observers);
  const distinct = (key) => [...new Set(accepted.map((a) => a[key]).filter(Boolean))].sort(compareCodePoints);
  const invites = distinct("invite");
  const abouts = distinct("about");
  const warnings = [];
  if (invites.length > 1) {
    warnings.push(t("compare.warning.invites", { count: invites.length, list: joinList(spec.lang ?? "en", invites) }));
  }
  if (abouts.length > 1) {
    warnings.push(t("compare.warning.abouts", { count: abouts.length, list: joinList(spec.lang ?? "en", abouts) }));
  }
  return {
    ...report,
    self: { file: selfName, name: own.doc.name || "", taken_at: own.doc.taken_at || "", warnings: own.warnings },
    about: abouts.length === 1 ? abouts[0] : "",
    invites,
    accepted: accepted.map((a) => ({ file: a.file, warnings: a.warnings })),
    rejected,
    warnings,
  };
}
