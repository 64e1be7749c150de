// The hand-computed golden cases of tests/fixtures/compare_cases.json, run against the browser's
// compare.mjs (tests/test_compare.py runs the same cases against generator/compare.py).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { CompareError, compare, compareFiles } from "../../generator/static/compare.mjs";
import { cohortReport } from "../../generator/static/team.mjs";
import { checkInvite, decodeInvite, encodeInvite, isCode, newCode } from "../../generator/static/invite.mjs";

const { spec: SPEC, cases } = JSON.parse(readFileSync(new URL("../fixtures/compare_cases.json", import.meta.url), "utf8"));
const RESULT_FORMAT = SPEC.result_format;

function caseSpec(c) {
  const spec = { ...SPEC, result_format: RESULT_FORMAT };
  for (const [key, value] of Object.entries(c.spec || {})) {
    if (value === null) delete spec[key];
    else spec[key] = value;
  }
  return spec;
}

const fileOf = (entry) => ({
  name: entry.name,
  text: entry.text ?? JSON.stringify({ format: RESULT_FORMAT, ...entry.doc }),
});

function checkExpected(got, expected) {
  for (const [key, want] of Object.entries(expected)) {
    if (key === "roles") {
      for (const [role, fields] of Object.entries(want)) {
        const row = got.roles.find((r) => r.role === role);
        assert.deepEqual(Object.fromEntries(Object.keys(fields).map((k) => [k, row[k]])), fields, role);
      }
    } else if (key === "accepted") {
      assert.deepEqual(got.accepted.map((a) => ({ file: a.file, warnings: a.warnings.length })), want);
    } else if (key === "rejected") {
      assert.deepEqual(got.rejected.map((r) => r.file), want.map((w) => w.file));
      got.rejected.forEach((r, i) => {
        assert.equal(r.reason, want[i].reason, r.file);
        if (want[i].error !== undefined) assert.equal(r.error, want[i].error);
        else assert.ok(r.error.includes(want[i].error_contains), `${r.file}: ${r.error}`);
      });
    } else if (key === "warnings") {
      assert.equal(got.warnings.length, want);
    } else if (key === "self_warnings") {
      assert.equal(got.self.warnings.length, want);
    } else {
      assert.deepEqual(got[key], want, key);
    }
  }
}

test("there are at least 15 golden cases", () => assert.ok(cases.length >= 15));

for (const c of cases) {
  test(c.name, () => {
    const spec = caseSpec(c);
    if (c.kind !== "files") {
      checkExpected(compare(spec, "mini", c.self, c.observers), c.expected);
      return;
    }
    const run = () => compareFiles(spec, fileOf(c.self_file), c.observer_files.map(fileOf));
    if (c.expected.error_contains) {
      assert.throws(run, (err) => err instanceof CompareError && err.message.includes(c.expected.error_contains));
      return;
    }
    checkExpected(run(), c.expected);
  });
}

// ---- the invitation link (invite.mjs) ----

const KNOWN = { "role-profile": "c0956dd2e1a4" };
const INVITE = { assessment: "role-profile", bankVersion: "c0956dd2e1a4", name: "Zoë O'Neil (Ops)", code: "K7P2QX", to: "coach@example.org" };

test("an invitation link reads back exactly, awkward characters included", () => {
  const hash = `#${encodeInvite(INVITE)}`;
  assert.ok(!/[!'()*~ ]/.test(hash), hash);
  assert.deepEqual(decodeInvite(hash, KNOWN), { invite: INVITE, stale: false });
  const noTo = encodeInvite({ ...INVITE, to: "" });
  assert.ok(!noTo.includes("to="));
  assert.equal(decodeInvite(noTo, KNOWN).invite.to, "");
});

test("a changed, cut or foreign link is refused, and says why", () => {
  const hash = encodeInvite(INVITE);
  assert.deepEqual(decodeInvite(hash.replace("K7P2QX", "K7P2QY"), KNOWN), { refused: "changed" });
  assert.deepEqual(decodeInvite(hash.replace("n=Zo", "n=Jo"), KNOWN), { refused: "changed" });
  assert.deepEqual(decodeInvite(hash.replace("o=1", "o=2"), KNOWN), { refused: "changed" });
  assert.deepEqual(decodeInvite(hash.split("&c=")[0], KNOWN), { refused: "incomplete" });
  assert.deepEqual(decodeInvite("", KNOWN), { refused: "none" });
  assert.deepEqual(decodeInvite("#top", KNOWN), { refused: "none" });
  assert.deepEqual(decodeInvite(hash.replace("n=Zo", "n=%E0%A4"), KNOWN), { refused: "damaged" });
  assert.deepEqual(decodeInvite(hash, { conductor: "x" }), { refused: "unknown" });
  assert.equal(decodeInvite(hash, { "role-profile": "000000000000" }).stale, true);
});

test("invitation codes: six easy-to-read characters, evenly drawn", () => {
  for (let i = 0; i < 200; i += 1) assert.ok(isCode(newCode()));
  assert.equal(isCode("K7P2QO"), false); // no O, 0, I, 1, L
  // bytes of 248 and above are dropped, so no letter is favoured
  assert.equal(newCode(() => new Uint8Array([255, 248, 0, 1, 2, 3, 4, 5])), "ABCDEF");
});

test("the invite form needs a name and keeps the rest short", () => {
  assert.deepEqual(checkInvite({ ...INVITE, name: "  " }).errors, { name: "missing" });
  assert.deepEqual(checkInvite({ ...INVITE, name: "x".repeat(101) }).errors, { name: "long" });
  assert.deepEqual(checkInvite({ ...INVITE, to: "x".repeat(201) }).errors, { to: "long" });
  assert.equal(checkInvite({ ...INVITE, to: "x".repeat(200) }).errors, undefined);
  assert.equal(checkInvite({ ...INVITE, name: " Ana " }).invite.name, "Ana");
});

// ---- the team view sets observer files aside (contracts/cohort.md) ----

test("the team report counts observer files as set aside, never as people", () => {
  const spec = { ...SPEC };
  const file = (name, extra) => ({ name, text: JSON.stringify({ format: spec.result_format, assessment: "mini", bank_version: "aaaaaaaaaaaa", answers: cases[0].self, ...extra }) });
  const report = cohortReport(spec, [
    file("me.json", { perspective: "self", name: "Ana" }),
    file("fb1.json", { perspective: "observer", relationship: "peer" }),
    file("fb2.json", { perspective: "observer" }),
  ]);
  assert.equal(report.count, 1);
  assert.equal(report.observers_set_aside, 2);
  assert.deepEqual(report.rejected, []);
  assert.equal(report.roles.find((r) => r.role === "conductor").n, 1);
});
