// The results view's pure rules: how many answers a role still needs, and why a role has no
// score ("na": it did not come up often enough; "skipped": answering more would score it).
// The quiz asks for more answers exactly when the reason is "skipped", never counting "na".

import assert from "node:assert/strict";
import { test } from "node:test";

import { skipped, stillNeeded, unscoredReason } from "../../generator/static/results.mjs";

const row = (answered, na, total, score = null) => ({ role: "r", answered, na, total, score });

test("a scored role has no reason", () => {
  assert.equal(unscoredReason(row(6, 0, 6, 50)), null);
  assert.equal(unscoredReason(row(5, 1, 6, 50)), null);
});

test("too many 'na' answers: not scored, nothing asked for", () => {
  assert.equal(unscoredReason(row(4, 2, 6)), "na"); // needs 5, nothing skipped
  assert.equal(unscoredReason(row(3, 2, 6)), "na"); // needs 2 more, only 1 skipped
  assert.equal(stillNeeded(row(4, 2, 6)), 1);
  assert.equal(skipped(row(4, 2, 6)), 0);
});

test("skipped statements that could still score the role: ask for them", () => {
  assert.equal(unscoredReason(row(4, 1, 6)), "skipped"); // needs 1 more, 1 skipped
  assert.equal(unscoredReason(row(0, 0, 13)), "skipped");
  assert.equal(stillNeeded(row(0, 0, 13)), 11);
  assert.equal(unscoredReason(row(3, 0, 6)), "skipped");
});

test("a /1 result has no na count: read as none", () => {
  const old = { role: "r", answered: 3, total: 6, score: null };
  assert.equal(skipped(old), 3);
  assert.equal(unscoredReason(old), "skipped");
});

// What a quiz page fetches for the report: the steps of the plan's exercises and the texts of
// the lead roles and growth edge, nothing else, and nothing twice.
import { readFileSync } from "node:fs";
import { reportRoles, withReport } from "../../generator/static/results.mjs";
import { score } from "../../generator/static/scoring.mjs";

const fixtures = JSON.parse(readFileSync(new URL("../fixtures/scoring_cases.json", import.meta.url)));
const blended = fixtures.cases.find((c) => c.spec === "base" && c.expected.profile?.kind === "blended");
const slice = {
  ...fixtures.specs.base,
  roles: fixtures.specs.base.role_ids.map((id) => ({ id, name: id.toUpperCase() })),
};
const texts = (id) => ({ id, lead_meaning: `${id} leads`, growth_meaning: `${id} grows`, strengths: [`${id} +`], overuse_risks: [], coach_question: `${id}?` });

function loader() {
  const asked = [];
  const load = async (name) => {
    asked.push(name);
    const [folder, id] = name.split("/");
    if (folder === "roles") return texts(id);
    return { ...slice.exercises.find((ex) => ex.id === id), steps: [`${id} step`] };
  };
  return { asked, load };
}

test("withReport fetches the plan's exercises and the report's roles, once", async () => {
  const doc = { assessment: blended.assessment, answers: blended.answers };
  const { lead, edge } = reportRoles(score(slice, doc.assessment, doc.answers));
  assert.deepEqual([lead, edge], [blended.expected.profile.lead, blended.expected.profile.growth_edge]);
  const { asked, load } = loader();
  const spec = await withReport(slice, doc, load);
  assert.deepEqual(asked.sort(), [
    ...blended.expected.plan.map((id) => `exercises/${id}`),
    ...[...lead, ...edge].map((id) => `roles/${id}`),
  ].sort());
  for (const id of [...lead, ...edge]) assert.equal(spec.roles.find((r) => r.id === id).lead_meaning, `${id} leads`);
  const others = spec.roles.filter((r) => ![...lead, ...edge].includes(r.id));
  assert.ok(others.length > 0 && others.every((r) => !Object.hasOwn(r, "strengths")));
  assert.deepEqual(spec.exercises.filter((ex) => ex.steps).map((ex) => ex.id).sort(), [...blended.expected.plan].sort());
  // With every text at hand, nothing more is fetched and the spec comes back as it was.
  const again = loader();
  assert.equal(await withReport(spec, doc, again.load), spec);
  assert.deepEqual(again.asked, []);
});

test("one scored role: a strength when strong, room to grow otherwise", () => {
  const one = (band) => ({ profile: null, roles: [{ role: "a", score: 70, band }, { role: "b", score: null, band: null }] });
  assert.deepEqual(reportRoles(one("strong")), { kind: "single", lead: ["a"], edge: [] });
  assert.deepEqual(reportRoles(one("developing")), { kind: "single", lead: [], edge: ["a"] });
  assert.deepEqual(reportRoles({ profile: null, roles: [] }), { kind: undefined, lead: [], edge: [] });
});
