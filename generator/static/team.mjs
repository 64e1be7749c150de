// "Team view": the cohort report of contracts/cohort.md over result files a coach loads.
// cohortReport and cohortCsv are pure (no DOM) and give the same numbers as
// `python -m generator cohort`; initTeam reads files in this browser only and shows the report.

import { takeFiles } from "./actions.mjs";
import { clone, download, slot } from "./dom.mjs";
import { joinList, translator } from "./i18n.mjs";
import { MAX_RESULT_BYTES, parseResultText } from "./resultfile.mjs";

const BATCH = 40;

/** Python's default string order: by code point (JS `<` compares UTF-16 units). */
export function compareCodePoints(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return x[i].codePointAt(0) - y[i].codePointAt(0);
  }
  return x.length - y.length;
}

const baseName = (name) => String(name).split(/[\\/]/).pop();

/**
 * The team report of contracts/cohort.md.
 * @param spec the full compiled spec
 * @param files [{name, text, size}] (size in bytes); `text: null` means the bytes were not
 *   UTF-8; an `error` instead of text means the file could not be read at all
 * @returns {people, roles, unled, focus, focus_reason, rejected, count}
 */
export function cohortReport(spec, files) {
  const t = translator(spec);
  const people = [];
  const rejected = [];
  let setAside = 0;
  for (const f of files) {
    const file = baseName(f.name);
    try {
      if (f.error) throw new Error(f.error);
      const size = f.size ?? new TextEncoder().encode(f.text ?? "").length;
      if (f.text === null && !(size > MAX_RESULT_BYTES)) throw new Error(t("team.error.not_utf8"));
      const { doc, result, warnings } = parseResultText(spec, f.text ?? "", size);
      if (doc.perspective === "observer") {
        setAside += 1; // feedback about a leader, not a team member's own view
        continue;
      }
      people.push({
        file,
        name: doc.name || "",
        assessment: doc.assessment,
        taken_at: doc.taken_at || "",
        scores: Object.fromEntries(result.roles.map((r) => [r.role, r.score])),
        bands: Object.fromEntries(result.roles.map((r) => [r.role, r.band])),
        lead: result.profile ? [...result.profile.lead] : [],
        warnings,
      });
    } catch (err) {
      rejected.push({ file, error: err.message });
    }
  }
  const sortKey = (p) => p.name.toLowerCase() || p.file.toLowerCase();
  people.sort((a, b) => compareCodePoints(sortKey(a), sortKey(b)) || compareCodePoints(a.file, b.file));

  const names = Object.fromEntries(spec.roles.map((r) => [r.id, r.name]));
  const roles = spec.role_ids.map((role) => {
    const scored = people.filter((p) => p.scores[role] !== undefined && p.scores[role] !== null);
    const n = scored.length;
    const sum = scored.reduce((total, p) => total + p.scores[role], 0);
    const meanTenths = n ? Math.floor((20 * sum + n) / (2 * n)) : null;
    const bands = Object.fromEntries(spec.bands.map((b) => [b, scored.filter((p) => p.bands[role] === b).length]));
    return {
      role,
      name: names[role],
      n,
      mean_tenths: meanTenths,
      mean: meanTenths === null ? null : meanTenths / 10,
      leads: people.filter((p) => p.lead.includes(role)).length,
      bands,
    };
  });
  const anyProfile = people.some((p) => p.lead.length > 0);
  const unled = anyProfile ? roles.filter((r) => r.leads === 0).map((r) => r.role) : [];
  const scored = roles.filter((r) => r.n > 0);
  const unledScored = scored.filter((r) => unled.includes(r.role));
  // unled roles that nobody has a score for say nothing about the team
  const pool = unledScored.length ? unledScored : scored;
  let focus = null;
  for (const r of pool) {
    if (focus === null || r.mean_tenths < focus.mean_tenths) focus = r;
  }
  return {
    people,
    roles,
    unled,
    focus: focus ? focus.role : null,
    focus_reason: focus ? (unledScored.length ? "unled" : "lowest-mean") : null,
    rejected,
    count: people.length,
    observers_set_aside: setAside,
  };
}

function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`; // a spreadsheet would run it as a formula
  return /[\u0022,\r\n]/.test(text) ? `"${text.replace(/\u0022/g, '""')}"` : text;
}

/** The contract's CSV: one row per person, in the report's order, lines ending CRLF. */
export function cohortCsv(spec, report) {
  const ids = spec.role_ids;
  const header = ["name", "file", "assessment", "taken_at", ...ids.map((r) => `${r}_score`), ...ids.map((r) => `${r}_band`), "lead"];
  const lines = [header];
  for (const p of report.people) {
    lines.push([p.name, p.file, p.assessment, p.taken_at, ...ids.map((r) => p.scores[r]), ...ids.map((r) => p.bands[r]), p.lead.join(";")]);
  }
  return lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const meanText = (r, lang) =>
  (r.mean === null ? "—" : new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r.mean));

/** The sentence explaining the suggested focus, in the spec's language. */
export function focusReason(report, spec) {
  const t = translator(spec);
  const role = report.roles.find((r) => r.role === report.focus);
  if (!role) return "";
  const mean = meanText(role, spec.lang);
  if (report.focus_reason === "unled") {
    return report.unled.length === 1
      ? t("team.focus.unled_one", { role: role.name, mean })
      : t("team.focus.unled", { role: role.name, mean, count: report.unled.length });
  }
  return t("team.focus.lowest", { role: role.name, mean });
}

/**
 * Read files as UTF-8 the way the Python CLI does: strictly, keeping a BOM (which JSON rejects).
 * `spec` gives the message of a file that cannot be read, in its language.
 */
export async function readFile(file, spec) {
  if (file.size > MAX_RESULT_BYTES) return { name: file.name, text: "", size: file.size };
  try {
    const bytes = await file.arrayBuffer();
    try {
      return { name: file.name, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), size: bytes.byteLength };
    } catch {
      return { name: file.name, text: null, size: bytes.byteLength };
    }
  } catch {
    // A folder dropped by mistake, or a file that vanished: it cannot be a result.
    const t = translator(spec);
    return { name: file.name, text: "", size: 0, error: t("team.error.unreadable") };
  }
}

function cell(root, p, role, t) {
  const node = clone(root, "score-cell");
  const score = p.scores[role];
  if (score === undefined) {
    slot(node, "score").textContent = "—";
    slot(node, "band").textContent = t("team.cell.not_assessed");
    slot(node, "band").className = "hai-band hai-band--none";
  } else if (score === null) {
    slot(node, "score").textContent = "—";
    slot(node, "band").textContent = t("team.cell.too_few");
    slot(node, "band").className = "hai-band hai-band--none";
  } else {
    slot(node, "score").textContent = String(score);
    slot(node, "band").textContent = t("team.band." + p.bands[role]);
    slot(node, "band").classList.add(`hai-band--${p.bands[role]}`);
  }
  return node;
}

function render(root, spec, report) {
  const t = translator(spec);
  const names = Object.fromEntries(spec.roles.map((r) => [r.id, r.name]));
  const view = root.querySelector("[data-hai-report]");

  const profiles = report.people.filter((p) => p.assessment === "role-profile").length;
  const quizzes = report.count - profiles;
  const kinds = [];
  if (profiles) kinds.push(t("team.counts.profiles", { count: profiles }));
  if (quizzes) kinds.push(t("team.counts.quizzes", { count: quizzes }));
  const people = kinds.length
    ? t("team.counts.people_kinds", { count: report.count, kinds: joinList(spec.lang, kinds) })
    : t("team.counts.people", { count: report.count });
  const sentences = [people];
  sentences.push(report.rejected.length ? t("team.counts.rejected", { count: report.rejected.length }) : t("team.counts.none_rejected"));
  if (report.observers_set_aside) sentences.push(t("team.counts.aside", { count: report.observers_set_aside }));
  slot(view, "counts").textContent = sentences.join(" ");

  const unledList = slot(view, "unled");
  const unledItems = report.unled.map((role) => {
    const li = document.createElement("li");
    li.textContent = t("team.unled", { role: names[role] });
    return li;
  });
  unledList.replaceChildren(...unledItems);
  unledList.hidden = unledItems.length === 0;
  const anyProfile = report.people.some((p) => p.lead.length > 0);
  slot(view, "unled-none").hidden = !(anyProfile && unledItems.length === 0);
  slot(view, "no-profiles").hidden = anyProfile;

  const focusBlock = slot(view, "focus-block");
  focusBlock.hidden = report.focus === null;
  slot(view, "focus").textContent = report.focus ? names[report.focus] : "";
  slot(view, "focus-reason").textContent = focusReason(report, spec);

  const roleRows = document.createDocumentFragment();
  for (const r of report.roles) {
    const row = clone(root, "role-row");
    const tr = row.firstElementChild;
    tr.dataset.role = r.role;
    for (const [name, text] of Object.entries({
      name: r.name, mean: meanText(r, spec.lang), n: String(r.n), leads: String(r.leads),
      emerging: String(r.bands.emerging), developing: String(r.bands.developing), strong: String(r.bands.strong),
    })) slot(row, name).textContent = text;
    roleRows.append(row);
  }
  slot(view, "role-rows").replaceChildren(roleRows);

  const rows = document.createDocumentFragment();
  for (const p of report.people) {
    const row = clone(root, "person-row");
    row.firstElementChild.dataset.file = p.file;
    slot(row, "name").textContent = p.name || p.file;
    slot(row, "file").textContent = p.name ? p.file : "";
    slot(row, "file").hidden = !p.name;
    slot(row, "lead").textContent = p.lead.length ? joinList(spec.lang, p.lead.map((id) => names[id])) : "—";
    for (const td of row.querySelectorAll("td[data-role]")) td.append(cell(root, p, td.dataset.role, t));
    rows.append(row);
  }
  slot(view, "people").replaceChildren(rows);
  const meanRow = slot(view, "means");
  for (const td of meanRow.querySelectorAll("td[data-role]")) {
    const r = report.roles.find((x) => x.role === td.dataset.role);
    td.textContent = r.n ? t("team.mean_n", { mean: meanText(r, spec.lang), count: r.n }) : "—";
  }
  slot(view, "people-block").hidden = report.people.length === 0;

  const warned = report.people.filter((p) => p.warnings.length);
  slot(view, "warnings-block").hidden = warned.length === 0;
  slot(view, "warnings-summary").textContent = t("team.warned", { count: warned.length });
  slot(view, "warnings").replaceChildren(...warned.map((p) => {
    const li = document.createElement("li");
    li.textContent = `${p.file}: ${p.warnings.join(" ")}`;
    return li;
  }));

  slot(view, "rejected-block").hidden = report.rejected.length === 0;
  slot(view, "rejected").replaceChildren(...report.rejected.map((r) => {
    const node = clone(root, "rejected-item");
    slot(node, "file").textContent = r.file;
    slot(node, "error").textContent = r.error;
    return node;
  }));
  view.hidden = false;
}

export function initTeam(root, ctx) {
  const { spec } = ctx;
  const t = translator(spec);
  const input = root.querySelector("[data-hai-files]");
  const drop = root.querySelector("[data-hai-drop]");
  const empty = root.querySelector("[data-hai-empty]");
  const reading = root.querySelector("[data-hai-reading]");
  const bar = reading.querySelector("progress");
  const status = root.querySelector("[data-hai-team-status]");
  const view = root.querySelector("[data-hai-report]");
  let entries = [];
  let report = null;
  let generation = 0;
  let queue = Promise.resolve();

  const load = async (files, gen) => {
    if (!files.length || gen !== generation) return;
    reading.hidden = false;
    bar.max = files.length;
    const fresh = [];
    for (let i = 0; i < files.length; i += BATCH) {
      bar.value = i;
      status.textContent = t("team.status.reading", { done: i, count: files.length });
      fresh.push(...await Promise.all(files.slice(i, i + BATCH).map((f) => readFile(f, spec))));
      if (gen !== generation) return; // cleared meanwhile
    }
    bar.value = files.length;
    const seen = new Set(entries.map((e) => `${e.name}\u0000${e.size}\u0000${e.text}`));
    let repeated = 0;
    for (const e of fresh) {
      const id = `${e.name}\u0000${e.size}\u0000${e.text}`;
      if (seen.has(id)) repeated += 1;
      else {
        seen.add(id);
        entries.push(e);
      }
    }
    report = cohortReport(spec, entries);
    render(root, spec, report);
    reading.hidden = true;
    empty.hidden = true;
    const read = t("team.status.read", { count: entries.length, results: t("team.status.results", { count: report.count }), rejected: report.rejected.length });
    status.textContent = repeated ? `${read} ${t("team.status.repeated", { count: repeated })}` : read;
  };

  const add = (fileList) => {
    const files = [...fileList];
    const gen = generation;
    queue = queue.then(() => load(files, gen)).catch((err) => {
      reading.hidden = true;
      status.textContent = t("team.status.failed", { error: err.message });
    });
    return queue;
  };

  takeFiles(input, drop, add);

  root.querySelector('[data-action="export-csv"]').addEventListener("click", () => {
    if (!report) return;
    const d = new Date();
    const stamp = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    download(`team-report-${stamp}.csv`, cohortCsv(spec, report), "text/csv;charset=utf-8");
  });
  root.querySelector('[data-action="clear"]').addEventListener("click", () => {
    generation += 1;
    entries = [];
    report = null;
    view.hidden = true;
    reading.hidden = true;
    empty.hidden = false;
    input.value = "";
    status.textContent = t("team.status.cleared");
    input.focus();
  });
}
