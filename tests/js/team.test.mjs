// The pure parts of the coach workflows: the team report (contracts/cohort.md) and its
// CSV, and the assignment link format of My plan. Numbers are worked out by hand below.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, test } from "node:test";

import { checkAssignment } from "../../generator/static/assign.mjs";
import { MAX_RESULT_BYTES } from "../../generator/static/resultfile.mjs";
import {
  checkCode, crc32, daysUntil, decodeAssignment, encodeAssignment, isAssignmentHash,
  isIsoDate, latestAttempts, tickedModules,
} from "../../generator/static/plan.mjs";
import { cohortCsv, cohortReport, compareCodePoints, focusReason } from "../../generator/static/team.mjs";

const ROLES = ["conductor", "domain-expert", "translator", "system-monitor", "creative-catalyst"];
const NAMES = ["The Conductor", "The Domain Expert", "The Translator", "The System Monitor", "The Creative Catalyst"];

// Two statements per role in the profile (the second reverse-keyed), and a two-statement
// Conductor quiz. With two statements both must be answered, and a role's score is
// (200 (S - 2) + 8) // 16 for the item-score sum S: 2 -> 0, 3 -> 13, 4 -> 25, 5 -> 38,
// 6 -> 50, 7 -> 63, 8 -> 75, 9 -> 88.
const items = {};
for (const r of ROLES) {
  items[`${r}-a`] = { id: `${r}-a`, role: r, reverse: false };
  items[`${r}-b`] = { id: `${r}-b`, role: r, reverse: true };
}
// The English messages, size limits and bands, as the build puts them into every spec.
const ROOT = new URL("../../", import.meta.url);
const VENV = new URL(".venv/bin/python", ROOT);
const SHARED = JSON.parse(execFileSync(existsSync(VENV) ? VENV.pathname : "python3", ["-c",
  "import json; from generator.i18n import catalogue; from generator.compile import LIMITS; from generator.models import BANDS;"
  + "print(json.dumps({'lang': 'en', 'messages': catalogue('en').messages, 'limits': LIMITS, 'bands': list(BANDS)}))"],
{ cwd: ROOT.pathname, encoding: "utf-8" }));
const MAX_NOTE = SHARED.limits.note;

const SPEC = {
  ...SHARED,
  result_format: "role-profile-result/1",
  role_ids: ROLES,
  roles: ROLES.map((id, i) => ({ id, name: NAMES[i], url: `roles/${id}/` })),
  thresholds: { developing: 38, strong: 63 },
  margin: 10,
  plan_length: 5,
  items,
  scenarios: {},
  exercises: [],
  assessments: {
    "role-profile": { id: "role-profile", title: "Profile", items: Object.keys(items), scenarios: [], bank_version: "aaaaaaaaaaaa" },
    conductor: { id: "conductor", title: "The Conductor", items: ["conductor-a", "conductor-b"], scenarios: [], bank_version: "bbbbbbbbbbbb" },
  },
};

/** Answers whose item-score sum for each role is `sums[role]`. */
function answersFor(sums) {
  const answers = {};
  for (const [role, sum] of Object.entries(sums)) {
    const a = Math.ceil(sum / 2);
    const b = sum - a;
    answers[`${role}-a`] = a;
    answers[`${role}-b`] = 6 - b; // reverse-keyed: an answer v scores 6 - v
  }
  return answers;
}

function file(name, doc) {
  const text = JSON.stringify({
    format: "role-profile-result/1",
    bank_version: SPEC.assessments[doc.assessment].bank_version,
    taken_at: "2026-11-20T10:00:00Z",
    ...doc,
  });
  return { name, text, size: new TextEncoder().encode(text).length };
}

const ana = file("ana.json", {
  assessment: "role-profile", name: "Ana",
  // 75 50 50 25 38: leads the Conductor alone
  answers: answersFor({ conductor: 8, "domain-expert": 6, translator: 6, "system-monitor": 4, "creative-catalyst": 5 }),
});
const ben = file("ben.json", {
  assessment: "role-profile",
  // 50 88 75 38 13: leads the Domain Expert alone (75 is 13 below 88)
  answers: answersFor({ conductor: 6, "domain-expert": 9, translator: 8, "system-monitor": 5, "creative-catalyst": 3 }),
});
const cy = file("zed.json", { assessment: "conductor", name: "Cy", answers: answersFor({ conductor: 7 }) });

describe("cohortReport", () => {
  const report = cohortReport(SPEC, [
    cy,
    { name: "folder/not-json.json", text: "{nope", size: 5 },
    ben,
    file("fmt.json", { assessment: "role-profile", format: "other/1", answers: {} }),
    { name: "huge.json", text: "", size: MAX_RESULT_BYTES + 1 },
    { name: "latin1.json", text: null, size: 40 },
    { name: "gone.json", error: "could not be read (is it a folder?)" },
    ana,
  ]);

  test("people: base names, sorted by name or file, scores, bands and lead roles", () => {
    assert.deepEqual(report.people.map((p) => p.file), ["ana.json", "ben.json", "zed.json"]);
    assert.deepEqual(report.people[0], {
      file: "ana.json", name: "Ana", assessment: "role-profile", taken_at: "2026-11-20T10:00:00Z",
      scores: { conductor: 75, "domain-expert": 50, translator: 50, "system-monitor": 25, "creative-catalyst": 38 },
      bands: { conductor: "strong", "domain-expert": "developing", translator: "developing", "system-monitor": "emerging", "creative-catalyst": "developing" },
      lead: ["conductor"],
      warnings: [],
    });
    assert.equal(report.people[1].name, "");
    assert.deepEqual(report.people[1].lead, ["domain-expert"]);
    assert.deepEqual(report.people[2].scores, { conductor: 63 });
    assert.deepEqual(report.people[2].lead, []);
    assert.equal(report.count, 3);
  });

  test("rejected files keep their base name and say why", () => {
    const why = Object.fromEntries(report.rejected.map((r) => [r.file, r.error]));
    assert.deepEqual(Object.keys(why), ["not-json.json", "fmt.json", "huge.json", "latin1.json", "gone.json"]);
    assert.match(why["not-json.json"], /not valid JSON/);
    assert.match(why["fmt.json"], /'format' is "other\/1"/);
    assert.match(why["huge.json"], /at most/);
    assert.match(why["latin1.json"], /not UTF-8/);
    assert.match(why["gone.json"], /could not be read/);
  });

  test("role means in tenths, rounded half up, over the people with a score", () => {
    const byRole = Object.fromEntries(report.roles.map((r) => [r.role, r]));
    // Conductor: 75 + 50 + 63 = 188 over 3 = 62.67 -> 62.7; (20*188 + 3) // 6 = 627
    assert.deepEqual(byRole.conductor, {
      role: "conductor", name: "The Conductor", n: 3, mean_tenths: 627, mean: 62.7, leads: 1,
      bands: { emerging: 0, developing: 1, strong: 2 },
    });
    assert.equal(byRole["domain-expert"].mean_tenths, 690); // (50 + 88) / 2
    assert.equal(byRole.translator.mean_tenths, 625); // (50 + 75) / 2
    assert.equal(byRole["system-monitor"].mean_tenths, 315); // (25 + 38) / 2
    assert.equal(byRole["creative-catalyst"].mean, 25.5); // (38 + 13) / 2
    assert.deepEqual(report.roles.map((r) => r.role), ROLES);
    assert.deepEqual(report.roles.map((r) => r.n), [3, 2, 2, 2, 2]);
  });

  test("unled roles, and the unled role with the lowest mean as the focus", () => {
    assert.deepEqual(report.unled, ["translator", "system-monitor", "creative-catalyst"]);
    assert.equal(report.focus, "creative-catalyst");
    assert.equal(report.focus_reason, "unled");
    assert.equal(focusReason(report, SPEC), "No one in this team leads The Creative Catalyst, and its team mean of 25.5 is the lowest of the 3 roles nobody leads.");
  });

  test("half-up rounding of means at .x5", () => {
    // Conductor quiz scores 13, 0, 0, 0 (sums 3, 2, 2, 2): mean 3.25 -> 3.3
    const files = [3, 2, 2, 2].map((s, i) => file(`q${i}.json`, { assessment: "conductor", answers: answersFor({ conductor: s }) }));
    const r = cohortReport(SPEC, files);
    assert.equal(r.roles[0].mean_tenths, 33);
    assert.equal(r.roles[0].mean, 3.3);
    // 0, 0, 0, 0, 0, 13 -> 2.1666… -> 2.2; 13, 13, 0 -> 8.666… -> 8.7
    const more = (sums) => cohortReport(SPEC, sums.map((s, i) => file(`m${i}.json`, { assessment: "conductor", answers: answersFor({ conductor: s }) }))).roles[0].mean_tenths;
    assert.equal(more([2, 2, 2, 2, 2, 3]), 22);
    assert.equal(more([3, 3, 2]), 87);
  });
});

describe("cohortReport edge cases", () => {
  test("when every role is led, the focus is the lowest mean overall", () => {
    const lead = (role, name) => file(`${name}.json`, {
      assessment: "role-profile", name,
      answers: answersFor(Object.fromEntries(ROLES.map((r) => [r, r === role ? 9 : 5]))),
    });
    const r = cohortReport(SPEC, ROLES.map((role, i) => lead(role, `p${i}`)));
    assert.deepEqual(r.unled, []);
    // every role: one 88 and four 38 -> (88 + 152) / 5 = 48.0; ties go in canonical order
    assert.deepEqual(r.roles.map((x) => x.mean_tenths), [480, 480, 480, 480, 480]);
    assert.equal(r.focus, "conductor");
    assert.equal(r.focus_reason, "lowest-mean");
    assert.match(focusReason(r, SPEC), /^Every role has at least one person who leads it; The Conductor has the lowest team mean, 48\.0\.$/);
  });

  test("without any profile there are no unled roles; roles without scores are skipped", () => {
    const r = cohortReport(SPEC, [cy]);
    assert.deepEqual(r.unled, []);
    assert.equal(r.focus, "conductor");
    assert.equal(r.focus_reason, "lowest-mean");
    assert.deepEqual(r.roles.slice(1).map((x) => [x.n, x.mean_tenths, x.mean]), Array(4).fill([0, null, null]));
  });

  test("no results at all: no focus", () => {
    const r = cohortReport(SPEC, [{ name: "x.json", text: "[]", size: 2 }]);
    assert.deepEqual([r.count, r.focus, r.focus_reason, r.unled], [0, null, null, []]);
    assert.equal(r.rejected[0].error, "expected a JSON object");
  });

  test("a role with too few answers has a null score and counts for nothing", () => {
    const answers = answersFor({ conductor: 8, "domain-expert": 6, translator: 6, "system-monitor": 4 });
    answers["creative-catalyst-a"] = 5; // one of two: below 80%
    const r = cohortReport(SPEC, [file("p.json", { assessment: "role-profile", answers })]);
    assert.equal(r.people[0].scores["creative-catalyst"], null);
    assert.equal(r.people[0].bands["creative-catalyst"], null);
    assert.equal(r.roles[4].n, 0);
    assert.deepEqual(r.unled, ["domain-expert", "translator", "system-monitor", "creative-catalyst"]);
    assert.equal(r.focus, "system-monitor"); // 25.0, lowest of the unled roles that have a score
  });

  test("warnings: another bank version, and answers to statements that no longer exist", () => {
    const doc = { assessment: "conductor", bank_version: "old", answers: { ...answersFor({ conductor: 6 }), gone: 3 } };
    const r = cohortReport(SPEC, [file("w.json", doc)]);
    assert.equal(r.people[0].warnings.length, 2);
  });

  test("sorting follows Python: lower-cased name or file, then file, by code point", () => {
    const named = (fileName, name) => file(fileName, { assessment: "conductor", name, answers: answersFor({ conductor: 6 }) });
    const r = cohortReport(SPEC, [
      named("b.json", "😀 smile"), named("a.json", "～ tilde"), named("d.json", "Zoë"),
      named("c.json", "zoë"), named("B.json", ""), named("e.json", "alpha"),
    ]);
    // "B.json".lower() = "b.json"; "alpha" < "b.json"; "zoë" twice -> by file: c before d;
    // U+FF5E (tilde) sorts before U+1F600 (smile) by code point, though not by UTF-16 unit.
    assert.deepEqual(r.people.map((p) => p.file), ["e.json", "B.json", "c.json", "d.json", "a.json", "b.json"]);
    assert.ok(compareCodePoints("\uFF5E", "😀") < 0);
    assert.ok("\uFF5E" > "😀"); // what a plain JS comparison would wrongly say
  });
});

describe("cohortCsv", () => {
  test("header, rows in report order, empty cells for null and absent, lead joined by ;", () => {
    const report = cohortReport(SPEC, [ana, cy]);
    const lines = cohortCsv(SPEC, report).split("\r\n");
    assert.equal(lines[0], "name,file,assessment,taken_at,conductor_score,domain-expert_score,translator_score,system-monitor_score,creative-catalyst_score,conductor_band,domain-expert_band,translator_band,system-monitor_band,creative-catalyst_band,lead");
    assert.equal(lines[1], "Ana,ana.json,role-profile,2026-11-20T10:00:00Z,75,50,50,25,38,strong,developing,developing,emerging,developing,conductor");
    assert.equal(lines[2], "Cy,zed.json,conductor,2026-11-20T10:00:00Z,63,,,,,strong,,,,,");
    assert.equal(lines[3], "");
    assert.equal(lines.length, 4);
  });

  test("formula-looking cells get an apostrophe; commas, quotes and newlines are quoted", () => {
    const names = ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "a, b", "line\nbreak", "plain"];
    const report = cohortReport(SPEC, names.map((name, i) => file(`${i}.json`, { assessment: "conductor", name, answers: answersFor({ conductor: 6 }) })));
    const cells = cohortCsv(SPEC, report).split("\r\n").slice(1, -1).map((line) => line.split(",")[0]);
    assert.deepEqual(cells.sort(), ["\"'=HYPERLINK(\"\"x\"\")\"", "\"a", "\"line\nbreak\"", "'+1", "'-2", "'@SUM(A1)", "plain"].sort());
  });
});

describe("assignment links", () => {
  const known = {
    modules: new Set(["introduction", "roles/conductor", "accountability"]),
    assessments: new Set(["role-profile", "conductor"]),
  };
  const a = { modules: ["introduction", "roles/conductor"], assessments: ["role-profile"], due: "2026-12-15", note: "Read & reflect: <b>now</b>!\nThanks (really)." };

  test("CRC-32 is the standard one", () => {
    assert.equal(crc32("123456789"), "cbf43926");
    assert.equal(crc32(""), "00000000");
  });

  test("encode then decode gives the assignment back, with no problems", () => {
    const fragment = encodeAssignment(a);
    assert.match(fragment, /^a=1&m=introduction,roles\/conductor&q=role-profile&due=2026-12-15&note=[^&]+&c=[0-9a-f]{8}$/);
    assert.doesNotMatch(fragment, /[!'()*~ <>]/);
    const out = decodeAssignment(`#${fragment}`, known, SPEC);
    assert.deepEqual(out.assignment, a);
    assert.deepEqual(out.problems, []);
    assert.equal(out.key, fragment.slice(-8));
    assert.equal(out.key, checkCode(a));
  });

  test("changing any one character is noticed, and the rest is still read", () => {
    const fragment = encodeAssignment(a);
    for (let i = 0; i < fragment.length; i += 1) {
      const ch = fragment[i] === "x" ? "y" : "x";
      const out = decodeAssignment(fragment.slice(0, i) + ch + fragment.slice(i + 1), known, SPEC);
      assert.ok(out.problems.length > 0, `edit at ${i} went unnoticed`);
    }
  });

  test("a link cut off anywhere is noticed", () => {
    const fragment = encodeAssignment(a);
    for (let i = 1; i < fragment.length; i += 1) {
      assert.ok(decodeAssignment(fragment.slice(0, i), known, SPEC).problems.length > 0, `cut at ${i}`);
    }
  });

  test("unknown ids are dropped and named; valid ones are kept", () => {
    const b = { ...a, modules: ["introduction", "roles/nobody"], assessments: ["conductor", "quiz-x"] };
    const out = decodeAssignment(encodeAssignment(b), known, SPEC);
    assert.deepEqual(out.assignment.modules, ["introduction"]);
    assert.deepEqual(out.assignment.assessments, ["conductor"]);
    assert.deepEqual(out.dropped, { modules: ["roles/nobody"], assessments: ["quiz-x"] });
    assert.equal(out.problems.length, 2);
    assert.match(out.problems[0], /“roles\/nobody”/);
    assert.match(out.problems[1], /“quiz-x”/);
  });

  test("bad date, long note, unknown version, damaged encoding", () => {
    const long = decodeAssignment(encodeAssignment({ ...a, due: "2026-02-30", note: "é".repeat(MAX_NOTE + 1) }), known, SPEC);
    assert.equal(long.assignment.due, "");
    assert.equal(long.assignment.note, "é".repeat(MAX_NOTE));
    assert.equal(long.problems.length, 2);
    const emoji = decodeAssignment(encodeAssignment({ ...a, note: `${"x".repeat(MAX_NOTE - 1)}😀` }), known, SPEC);
    assert.equal(emoji.assignment.note, "x".repeat(MAX_NOTE - 1)); // never half an emoji
    const v2 = decodeAssignment(encodeAssignment(a).replace("a=1", "a=2"), known, SPEC);
    assert.match(v2.problems.join(" "), /version “2”/);
    assert.match(v2.problems.join(" "), /check code does not match/);
    const damaged = decodeAssignment("a=1&m=introduction,%E0%A4&note=%ZZ&c=00000000", known, SPEC);
    assert.deepEqual(damaged.assignment.modules, ["introduction"]);
    assert.equal(damaged.assignment.note, "");
    assert.match(damaged.problems.join(" "), /could not be read/);
  });

  test("nothing valid at all still answers, with a problem", () => {
    const out = decodeAssignment("a=1&m=zzz&c=12345678", known, SPEC);
    assert.deepEqual(out.assignment, { modules: [], assessments: [], due: "", note: "" });
    assert.match(out.problems.at(-1), /assigns no module or assessment/);
  });

  test("a heading anchor is not an assignment", () => {
    assert.equal(isAssignmentHash("#to-read"), false);
    assert.equal(isAssignmentHash(""), false);
    assert.equal(isAssignmentHash("#a=1&c=x"), true);
  });

  test("dates", () => {
    assert.ok(isIsoDate("2028-02-29"));
    for (const bad of ["2027-02-29", "2026-13-01", "2026-1-01", "20261201", "", "0999-01-01"]) assert.ok(!isIsoDate(bad), bad);
    const today = new Date(2026, 10, 24, 23, 30);
    assert.equal(daysUntil("2026-11-24", today), 0);
    assert.equal(daysUntil("2026-12-15", today), 21);
    assert.equal(daysUntil("2026-11-21", today), -3);
    assert.equal(daysUntil("2027-03-30", today), 126); // across a change to or from summer time
  });

  test("stored ticks and attempts are read defensively", () => {
    assert.deepEqual(tickedModules({ modules: { introduction: "2026-11-24T10:00:00Z", x: 3 } }), { introduction: "2026-11-24T10:00:00Z" });
    for (const junk of [null, 3, [], { modules: [] }, { modules: "x" }]) assert.deepEqual(tickedModules(junk), {});
    assert.deepEqual(latestAttempts([
      { assessment: "conductor", taken_at: "2026-11-01T00:00:00Z" },
      { assessment: "conductor", taken_at: "2026-11-03T00:00:00Z" },
      { assessment: "role-profile" },
    ]), { conductor: "2026-11-03T00:00:00Z", "role-profile": "" });
  });
});

describe("checkAssignment", () => {
  const today = new Date(2026, 10, 24);
  const ok = { modules: ["introduction"], assessments: [], due: "", note: "" };

  test("a valid assignment", () => {
    assert.deepEqual(checkAssignment({ ...ok, due: "2026-11-24" }, today, SPEC).assignment, { ...ok, due: "2026-11-24" });
  });

  test("each mistake gets its own message", () => {
    const { errors } = checkAssignment({ modules: [], assessments: [], due: "2026-11-23", note: "x".repeat(501) }, today, SPEC);
    assert.deepEqual(Object.keys(errors).sort(), ["due", "note", "what"]);
    assert.match(errors.due, /in the past/);
    assert.match(errors.note, /501 characters; the limit is 500/);
    assert.match(checkAssignment({ ...ok, dueInvalid: true }, today, SPEC).errors.due, /complete date/);
  });
});

test("the focus never falls on an unled role that nobody has a score for", () => {
  // Balanced at 50 in four roles, system-monitor unanswered: the only unled role has no
  // scores, so the focus is the lowest mean of all (a tie at 50: canonical order).
  const sums = { conductor: 6, "domain-expert": 6, translator: 6, "creative-catalyst": 6 };
  const report = cohortReport(SPEC, [file("e.json", { assessment: "role-profile", answers: answersFor(sums) })]);
  assert.deepEqual(report.unled, ["system-monitor"]);
  assert.equal(report.focus, "conductor");
  assert.equal(report.focus_reason, "lowest-mean");
});
