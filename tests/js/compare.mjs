// Score every case of a JSON file {spec, cases: [{assessment, answers, expected}]} with the
// browser scorer and print the ones that differ from the Python scorer's expected output.
// Used by tests/test_js_agreement.py; prints "N agree, M differ" as its last line.

import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";

import { score } from "../../generator/static/scoring.mjs";

const { spec, cases } = JSON.parse(readFileSync(process.argv[2], "utf8"));
let differ = 0;
for (const [i, c] of cases.entries()) {
  let got;
  try {
    got = score(spec, c.assessment, c.answers);
  } catch (err) {
    got = { error: err.constructor.name, message: err.message };
  }
  if (!isDeepStrictEqual(got, c.expected)) {
    differ += 1;
    if (differ <= 5) console.log(JSON.stringify({ case: i, answers: c.answers, got, expected: c.expected }));
  }
}
console.log(`${cases.length - differ} agree, ${differ} differ`);
process.exit(differ ? 1 : 0);
