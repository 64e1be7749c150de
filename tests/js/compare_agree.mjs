// Run the browser's compareFiles over generated sets of files written by tests/test_compare.py and
// print the sets whose report differs from the Python one. Last line: "N agree, M differ".

import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";

import { compareFiles } from "../../generator/static/compare.mjs";

const { spec, sets, expected } = JSON.parse(readFileSync(process.argv[2], "utf8"));

/** Warning wording may differ between the two (contract): compare their counts. */
const normalized = (r) => ({
  ...r,
  self: { ...r.self, warnings: r.self.warnings.length },
  accepted: r.accepted.map((a) => ({ ...a, warnings: a.warnings.length })),
  rejected: r.rejected.map((x) => ({ ...x, error: x.reason === "broken" ? "(broken)" : x.error })),
  warnings: r.warnings.length,
});

let differ = 0;
sets.forEach((s, i) => {
  let got;
  try {
    got = normalized(compareFiles(spec, s.self, s.observers));
  } catch (err) {
    got = { error: err.message };
  }
  if (!isDeepStrictEqual(got, expected[i])) {
    differ += 1;
    if (differ <= 3) console.log(JSON.stringify({ set: i, got, expected: expected[i] }));
  }
});
console.log(`${sets.length - differ} agree, ${differ} differ`);
process.exit(differ ? 1 : 0);
