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
