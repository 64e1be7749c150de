// The hand-computed golden cases of tests/fixtures/compare_cases.json, run against the browser's
// compare.mjs (tests/test_compare.py runs the same cases against generator/compare.py).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { CompareError, compare, compareFiles } from "../../generator/static/compare.mjs";

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
