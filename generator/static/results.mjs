// Renders one result document (SCORING.md format) into a results section, from the page's
// templates: scores as a chart and a table, the profile, the plan, scenario feedback.

import { barChart } from "./chart.mjs";
import { clone, download, fill, slot } from "./dom.mjs";
import { formatDate, joinList, translator } from "./i18n.mjs";
import { roleNames } from "./records.mjs";
import { score } from "./scoring.mjs";

/**
 * The stylesheet at `url` on this page, added unless a link to it is there already. Resolves
 * when it has loaded, or failed to: content styled late is better than content never shown.
 */
function stylesheet(url) {
  let link = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === url.href);
  if (link?.sheet) return Promise.resolve();
  if (!link) {
    link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = url.href;
    document.head.append(link);
  }
  return new Promise((done) => {
    link.addEventListener("load", done, { once: true });
    link.addEventListener("error", done, { once: true });
  });
}

/** The results view's styles: pages that show results at once link them, a quiz page gets them here. */
export const styled = globalThis.document ? stylesheet(new URL("results.css", import.meta.url)) : Promise.resolve();

// What a quiz page needs once the leader submits, loaded with this module.
export { resultDoc, roleNames } from "./records.mjs";
export { roleResults } from "./scoring.mjs";

/**
 * The spec with the texts this result's report shows. A quiz page's spec lists exercises by id,
 * role and bands, and roles by id and name: the steps of each plan exercise and the report texts
 * of each lead role and growth edge are small files, fetched here, so the texts nobody reads
 * stay on the server.
 * @param load (name) => Promise of the JSON at assets/assessments/spec/<name>.json
 */
export async function withReport(spec, doc, load) {
  const result = score(spec, doc.assessment, doc.answers);
  const { lead, edge } = reportRoles(result);
  const fetchAll = (folder, ids) =>
    Promise.all(ids.map((id) => load(`${folder}/${id}`))).then((found) => new Map(found.map((x) => [x.id, x])));
  const hasSteps = (id) => spec.exercises.find((ex) => ex.id === id)?.steps;
  const hasTexts = (id) => Object.hasOwn(spec.roles.find((r) => r.id === id) ?? {}, "strengths");
  const [exercises, roles] = await Promise.all([
    fetchAll("exercises", result.plan.filter((id) => !hasSteps(id))),
    fetchAll("roles", [...new Set([...lead, ...edge])].filter((id) => !hasTexts(id))),
  ]);
  if (!exercises.size && !roles.size) return spec;
  return {
    ...spec,
    exercises: spec.exercises.map((ex) => exercises.get(ex.id) ?? ex),
    roles: spec.roles.map((r) => (roles.has(r.id) ? { ...r, ...roles.get(r.id) } : r)),
  };
}

/**
 * The spec with the scenario texts of a quiz page's form: a quiz page's spec leaves out each
 * situation and option text, which its form shows already (`[data-text]` in each fieldset).
 */
export function withFormTexts(spec, form) {
  const text = (el) => el?.querySelector("[data-text]")?.textContent ?? "";
  const scenarios = Object.fromEntries(Object.entries(spec.scenarios).map(([id, sc]) => {
    if (sc.situation !== undefined) return [id, sc];
    const fieldset = form.querySelector(`fieldset[data-item="${CSS.escape(id)}"]`);
    const label = (option) => fieldset?.querySelector(`input[value="${CSS.escape(option)}"]`)?.closest("label");
    return [id, {
      ...sc,
      situation: text(fieldset?.querySelector("legend")),
      options: sc.options.map((o) => ({ ...o, text: text(label(o.id)) })),
    }];
  }));
  return { ...spec, scenarios };
}

// What a downloaded result file holds besides its name and answers (SCORING.md, result files).
const FILE_KEYS = ["format", "assessment", "bank_version", "taken_at", "perspective", "relationship", "about", "invite"];

/** Answers a role still needs before it can be scored (the 80% rule), and its skipped ones. */
export const stillNeeded = (row) => Math.max(0, Math.ceil((4 * row.total) / 5) - row.answered);
export const skipped = (row) => row.total - row.answered - (row.na ?? 0);

/** Why an unscored role has no score: "na" when even its skipped statements could not score it. */
export const unscoredReason = (row) =>
  row.score !== null ? null : (row.na ?? 0) > 0 && skipped(row) < stillNeeded(row) ? "na" : "skipped";

/** The label of a role without a score: "not scored" when it did not come up, else "not enough answers". */
const noScoreLabel = (t, row) => (unscoredReason(row) === "na" ? t("results.not_scored") : t("results.not_enough"));

function summary(scope, result, names, t, lang) {
  const prof = result.profile;
  if (prof) return fill(clone(scope, `summary-${prof.kind}`), { lead: joinList(lang, prof.lead.map((id) => names[id])) });
  const scored = result.roles.filter((r) => r.score !== null);
  if (result.roles.length === 1) {
    const [row] = result.roles;
    if (row.score === null) return fill(clone(scope, "summary-single-none"), { lead: names[row.role] });
    return fill(clone(scope, "summary-single"), { lead: names[row.role], band: t("band." + row.band).toLowerCase() });
  }
  if (scored.length === 1) {
    return fill(clone(scope, "summary-single"), { lead: names[scored[0].role], band: t("band." + scored[0].band).toLowerCase() });
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

function rowsInto(tbody, scope, result, names, t, before) {
  for (const r of result.roles) {
    const row = clone(scope, "role-row");
    const was = before[r.role];
    let change = "—";
    if (r.score !== null && typeof was === "number") {
      const d = r.score - was;
      change = d > 0 ? `+${d}` : d < 0 ? `−${-d}` : t("results.no_change");
    }
    fill(row, {
      name: names[r.role],
      score: r.score === null ? "—" : String(r.score),
      band: r.band ? t("band." + r.band) : noScoreLabel(t, r),
      answered: r.na
        ? t("results.answered_na", { n: r.answered, total: r.total, count: r.na })
        : t("results.answered_of", { n: r.answered, total: r.total }),
      change,
    });
    tbody.append(row);
  }
}

function unscoredInto(list, result, names, t) {
  for (const r of result.roles) {
    const reason = unscoredReason(r);
    if (!reason) continue;
    const params = { name: names[r.role], n: r.answered, na: r.na ?? 0, total: r.total, need: Math.ceil((4 * r.total) / 5) };
    const li = document.createElement("li");
    li.textContent = reason === "na" ? t("results.unscored_na", params) : t("results.unscored_skipped", params);
    list.append(li);
    list.hidden = false;
  }
}

function listInto(list, texts) {
  for (const text of texts || []) {
    const li = document.createElement("li");
    li.textContent = text;
    list.append(li);
  }
}

/**
 * One role as a lead role: what it means for this leader, its strengths, overuse when strong.
 * With one lead role its lists are open; in a blend they fold, so the meanings read together.
 */
function leadRole(scope, role, band, open) {
  const node = fill(clone(scope, "lead-role"), { name: role.name, meaning: role.lead_meaning || "" });
  slot(node, "meaning").hidden = !role.lead_meaning;
  slot(node, "more").open = open;
  listInto(slot(node, "strengths"), role.strengths);
  if (band === "strong" && role.overuse_risks?.length) {
    slot(node, "overuse-block").hidden = false;
    slot(node, "overuse-hint").hidden = false;
    slot(node, "strengths-label").hidden = true;
    listInto(slot(node, "overuse"), role.overuse_risks);
  }
  return node;
}

/** One role as a growth edge: why it matters, and a question to take to a coach. */
function edgeRole(scope, role) {
  const node = fill(clone(scope, "edge-role"), {
    name: role.name, meaning: role.growth_meaning || "", question: role.coach_question || "",
  });
  slot(node, "meaning").hidden = !role.growth_meaning;
  slot(node, "question").parentElement.hidden = !role.coach_question;
  return node;
}

/**
 * The roles the report reads: the profile's lead roles and growth edge, or with one scored role,
 * that role as a strength when strong and as room to grow otherwise.
 */
export function reportRoles(result) {
  const prof = result.profile;
  if (prof) return { kind: prof.kind, lead: prof.lead, edge: prof.growth_edge };
  const scored = result.roles.filter((r) => r.score !== null);
  if (scored.length !== 1) return { kind: undefined, lead: [], edge: [] };
  const [only] = scored;
  return only.band === "strong"
    ? { kind: "single", lead: [only.role], edge: [] }
    : { kind: "single", lead: [], edge: [only.role] };
}

/** The report: what the lead roles (or blend) mean, and why the growth edge matters. */
function reportInto(view, scope, spec, result) {
  const roles = new Map(spec.roles.map((r) => [r.id, r]));
  const bands = Object.fromEntries(result.roles.map((r) => [r.role, r.band]));
  const { kind, lead, edge } = reportRoles(result);
  if (lead.length) {
    slot(view, "lead-block").hidden = false;
    slot(view, "lead-heading").append(clone(scope, `lead-heading-${kind}`));
    if (kind === "blended" || kind === "balanced") {
      const intro = slot(view, "lead-intro");
      intro.append(clone(scope, `lead-intro-${kind}`));
      intro.hidden = false;
    }
    for (const id of lead) slot(view, "lead-roles").append(leadRole(scope, roles.get(id), bands[id], lead.length === 1));
  }
  if (edge.length) {
    slot(view, "edge-block").hidden = false;
    for (const id of edge) slot(view, "edge-roles").append(edgeRole(scope, roles.get(id)));
  }
}

function planInto(list, scope, spec, result, names, t, siteRoot) {
  const byId = new Map(spec.exercises.map((ex) => [ex.id, ex]));
  for (const id of result.plan) {
    const ex = byId.get(id);
    const li = clone(scope, "exercise");
    fill(li, {
      title: ex.title, minutes: t("results.minutes", { count: ex.minutes }), role: names[ex.role], reflection: ex.reflection,
      module_name: ex.role === "starter" ? t("results.starter") : names[ex.role],
    });
    listInto(slot(li, "steps"), ex.steps);
    slot(li, "module").href = new URL(ex.url, siteRoot).href;
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
      rating: String(fb.rating),
      feedback: fb.feedback,
      best: option(fb.best),
    });
    slot(node, "best-block").hidden = fb.chosen === fb.best;
    box.append(node);
  }
}

// Printing shows every folded part, then folds back what the reader had closed.
const unfolded = [];
globalThis.addEventListener?.("beforeprint", () => {
  for (const d of document.querySelectorAll(".hai-results details")) {
    if (d.open) continue;
    d.open = true;
    unfolded.push(d);
  }
});
globalThis.addEventListener?.("afterprint", () => {
  for (const d of unfolded.splice(0)) d.open = false;
});

/**
 * Fill `section` with the results of `doc`.
 * @param ctx {spec, siteRoot, scope, onRetake?, onName?}
 * @param opts {previous?, warnings?}
 * @returns the scored result
 */
export function renderResult(section, ctx, doc, opts = {}) {
  const { spec, siteRoot, scope } = ctx;
  const names = roleNames(spec);
  const t = translator(spec);
  const result = score(spec, doc.assessment, doc.answers);
  const view = clone(scope, "results");
  const date = doc.taken_at ? formatDate(spec.lang, doc.taken_at) : t("results.unknown_date");
  slot(view, "when").textContent = doc.name ? t("results.when_by", { date, name: doc.name }) : t("results.when", { date });
  const warnings = slot(view, "warnings");
  for (const w of opts.warnings || []) {
    const p = document.createElement("p");
    p.className = "hai-warning";
    p.textContent = w;
    warnings.append(p);
  }
  slot(view, "summary").append(summary(scope, result, names, t, spec.lang));
  const noScore = Object.fromEntries(result.roles.map((r) => [r.role, noScoreLabel(t, r)]));
  slot(view, "chart").append(barChart(result.roles, names, spec.thresholds, { label: t("results.chart_label"), noScore }));
  rowsInto(slot(view, "rows"), scope, result, names, t, previousScores(spec, opts.previous));
  unscoredInto(slot(view, "unscored"), result, names, t);
  reportInto(view, scope, spec, result);
  planInto(slot(view, "plan"), scope, spec, result, names, t, siteRoot);
  if (result.scenarios.length) {
    slot(view, "scenario-block").hidden = false;
    scenariosInto(slot(view, "scenarios"), scope, spec, result);
  }
  const nameInput = slot(view, "name");
  nameInput.value = doc.name || "";
  view.querySelector('[data-action="export"]').addEventListener("click", () => {
    const name = nameInput.value.trim().slice(0, spec.limits.name);
    const file = {};
    for (const key of FILE_KEYS) if (doc[key] !== undefined) file[key] = doc[key];
    if (name) file.name = name;
    file.answers = doc.answers;
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
