// The browser scorer against the shared golden cases (tests/fixtures/scoring_cases.json),
// compared exactly with what the Python scorer is tested to give.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import * as scoring from "../../generator/static/scoring.mjs";

const fixtures = JSON.parse(readFileSync(new URL("../fixtures/scoring_cases.json", import.meta.url)));

for (const c of fixtures.cases) {
  test(`golden: ${c.name}`, () => {
    assert.deepEqual(scoring.score(fixtures.specs[c.spec], c.assessment, c.answers), c.expected);
  });
}

test("there are at least 30 golden cases", () => {
  assert.ok(fixtures.cases.length >= 30);
});

test("role scores agree with (mean - 1) / 4 * 100 rounded half up", () => {
  for (let n = 1; n <= 40; n += 1) {
    for (let sum = n; sum <= 5 * n; sum += 1) {
      const exact = ((sum / n - 1) / 4) * 100;
      const want = Math.floor(exact + 0.5 + 1e-9);
      assert.equal(scoring.roleScore(sum, n), want, `sum ${sum} n ${n}`);
    }
  }
});

test("bad answers are input errors, never counted", () => {
  const spec = fixtures.specs[fixtures.cases[0].spec];
  const assessment = fixtures.cases[0].assessment;
  const item = spec.assessments[assessment].items[0];
  for (const bad of [0, 6, 2.5, "4", true, null, [3]]) {
    assert.throws(() => scoring.score(spec, assessment, { [item]: bad }), scoring.AnswerError, String(bad));
  }
});

test("an unknown assessment is an input error", () => {
  const spec = fixtures.specs[fixtures.cases[0].spec];
  assert.throws(() => scoring.score(spec, "nope", {}), scoring.AnswerError);
});
