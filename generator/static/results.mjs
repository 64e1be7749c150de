// Renders one result document (SCORING.md format) into a results section, from the page's
// templates: scores as a chart and a table, the profile, the plan, scenario feedback.

import { barChart } from "./chart.mjs";
import { clone, download, fill, formatDate, slot } from "./dom.mjs";
import { roleNames } from "./records.mjs";
import { score } from "./scoring.mjs";

// What a quiz page needs once the leader submits, loaded with this module.
export { resultDoc, roleNames } from "./records.mjs";
export { roleResults } from "./scoring.mjs";

/**
 * The spec with the full text of the exercises in this result's plan. A quiz page's spec lists
 * exercises by id, role and bands only; each plan exercise is one small file, fetched here.
 * @param load (name) => Promise of the JSON at assets/assessments/spec/<name>.json
 */
export async function withPlan(spec, doc, load) {
  const planned = score(spec, doc.assessment, doc.answers).plan;
  const missing = planned.filter((id) => !spec.exercises.find((ex) => ex.id === id)?.steps);
  if (!missing.length) return spec;
  const details = new Map((await Promise.all(missing.map((id) => load(`exercises/${id}`)))).map((ex) => [ex.id, ex]));
  return { ...spec, exercises: spec.exercises.map((ex) => details.get(ex.id) ?? ex) };
}

const BAND_WORDS = { emerging: "Emerging", developing: "Developing", strong: "Strong" };

function listText(ids, names) {
  const words = ids.map((id) => names[id]);
  if (words.length < 2) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function summary(scope, result, names) {
  const prof = result.profile;
  if (prof) return fill(clone(scope, `summary-${prof.kind}`), { lead: listText(prof.lead, names) });
  const scored = result.roles.filter((r) => r.score !== null);
  if (scored.length === 1) {
    return fill(clone(scope, "summary-single"), { lead: names[scored[0].role], band: BAND_WORDS[scored[0].band].toLowerCase() });
  }
  return clone(scope, "summary-none");
}

function previousScores(spec, previous) {
  if (!previous) return {};
  try {
    const prior = score(spec, previous.assessment, previous.answers);
    return Object.fromEntries(prior.roles.map((r) => [r.role, r.score]));
  } catch {
    return {};
  }
}

function rowsInto(tbody, scope, result, names, before) {
  for (const r of result.roles) {
    const row = clone(scope, "role-row");
    const was = before[r.role];
    let change = "—";
    if (r.score !== null && typeof was === "number") {
      const d = r.score - was;
      change = d > 0 ? `+${d}` : d < 0 ? `−${-d}` : "no change";
    }
    fill(row, {
      name: names[r.role],
      score: r.score === null ? "—" : String(r.score),
      band: r.band ? BAND_WORDS[r.band] : "Not enough answers",
      answered: `${r.answered} of ${r.total}`,
      change,
    });
    tbody.append(row);
  }
}

function planInto(list, scope, spec, result, names, siteRoot) {
  const byId = new Map(spec.exercises.map((ex) => [ex.id, ex]));
  for (const id of result.plan) {
    const ex = byId.get(id);
    const li = clone(scope, "exercise");
    fill(li, { title: ex.title, minutes: String(ex.minutes), role: names[ex.role], reflection: ex.reflection });
    const steps = slot(li, "steps");
    for (const step of ex.steps) {
      const item = document.createElement("li");
      item.textContent = step;
      steps.append(item);
    }
    const link = slot(li, "module");
    link.href = new URL(ex.url, siteRoot).href;
    link.textContent = `Read the module: ${names[ex.role] === "Starting practice" ? "Where to begin" : names[ex.role]}`;
    list.append(li);
  }
}

function scenariosInto(box, scope, spec, result) {
  for (const fb of result.scenarios) {
    const sc = spec.scenarios[fb.scenario];
    const option = (id) => sc.options.find((o) => o.id === id).text;
    const node = fill(clone(scope, "scenario"), {
      situation: sc.situation,
      chosen: option(fb.chosen),
      rating: `(rated ${fb.rating} of 4)`,
      feedback: fb.feedback,
      best: option(fb.best),
    });
    slot(node, "best-block").hidden = fb.chosen === fb.best;
    box.append(node);
  }
}

/**
 * Fill `section` with the results of `doc`.
 * @param ctx {spec, siteRoot, scope, onRetake?, onName?}
 * @param opts {previous?, warnings?}
 * @returns the scored result
 */
export function renderResult(section, ctx, doc, opts = {}) {
  const { spec, siteRoot, scope } = ctx;
  const names = roleNames(spec);
  const result = score(spec, doc.assessment, doc.answers);
  const view = clone(scope, "results");
  const who = doc.name ? ` by ${doc.name}` : "";
  slot(view, "when").append(fill(clone(scope, "when"), { date: formatDate(doc.taken_at), who }));
  const warnings = slot(view, "warnings");
  for (const w of opts.warnings || []) {
    const p = document.createElement("p");
    p.className = "hai-warning";
    p.textContent = w;
    warnings.append(p);
  }
  slot(view, "summary").append(summary(scope, result, names));
  slot(view, "chart").append(barChart(result.roles, names, spec.thresholds));
  rowsInto(slot(view, "rows"), scope, result, names, previousScores(spec, opts.previous));
  if (result.profile && result.profile.growth_edge.length) {
    slot(view, "edge-block").hidden = false;
    slot(view, "edge").textContent = `For you: ${listText(result.profile.growth_edge, names)}.`;
  }
  planInto(slot(view, "plan"), scope, spec, result, names, siteRoot);
  if (result.scenarios.length) {
    slot(view, "scenario-block").hidden = false;
    scenariosInto(slot(view, "scenarios"), scope, spec, result);
  }
  const nameInput = slot(view, "name");
  nameInput.value = doc.name || "";
  view.querySelector('[data-action="export"]').addEventListener("click", () => {
    const name = nameInput.value.trim().slice(0, 100);
    const { format, assessment, bank_version: bankVersion, taken_at: takenAt, answers } = doc;
    const file = { format, assessment, bank_version: bankVersion, taken_at: takenAt, ...(name ? { name } : {}), answers };
    const stamp = String(doc.taken_at || "").slice(0, 10) || "result";
    download(`${doc.assessment}-${stamp}.json`, `${JSON.stringify(file, null, 2)}\n`);
  });
  view.querySelector('[data-action="print"]').addEventListener("click", () => window.print());
  const retake = view.querySelector('[data-action="retake"]');
  if (ctx.onRetake) retake.addEventListener("click", ctx.onRetake);
  else retake.hidden = true;
  section.replaceChildren(view);
  section.hidden = false;
  return result;
}
