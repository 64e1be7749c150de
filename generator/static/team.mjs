// "Team view": the cohort report of contracts/cohort.md over result files a coach loads.
// cohortReport and cohortCsv are pure (no DOM) and give the same numbers as
// `python -m generator cohort`; initTeam reads files in this browser only and shows the report.

import { clone, download, slot } from "./dom.mjs";
import { MAX_RESULT_BYTES, parseResultText } from "./records.mjs";

export const BANDS = ["emerging", "developing", "strong"];
const BAND_WORDS = { emerging: "Emerging", developing: "Developing", strong: "Strong" };
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
  const people = [];
  const rejected = [];
  let setAside = 0;
  for (const f of files) {
    const file = baseName(f.name);
    try {
      if (f.error) throw new Error(f.error);
      const size = f.size ?? new TextEncoder().encode(f.text ?? "").length;
      if (f.text === null && !(size > MAX_RESULT_BYTES)) throw new Error("not UTF-8 text; is this a result file?");
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
    const bands = Object.fromEntries(BANDS.map((b) => [b, scored.filter((p) => p.bands[role] === b).length]));
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
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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

/** "A, B and C" */
function listText(words) {
  if (words.length < 2) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

const meanText = (r) => (r.mean === null ? "—" : r.mean.toFixed(1));

/** The sentence explaining the suggested focus. */
export function focusReason(report) {
  const role = report.roles.find((r) => r.role === report.focus);
  if (!role) return "";
  if (report.focus_reason === "unled") {
    return report.unled.length === 1
      ? `No one in this team leads ${role.name}; its team mean is ${meanText(role)}.`
      : `No one in this team leads ${role.name}, and its team mean of ${meanText(role)} is the lowest of the ${report.unled.length} roles nobody leads.`;
  }
  return `Every role has at least one person who leads it; ${role.name} has the lowest team mean, ${meanText(role)}.`;
}

/** Read files as UTF-8 the way the Python CLI does: strictly, keeping a BOM (which JSON rejects). */
export async function readFile(file) {
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
    return { name: file.name, text: "", size: 0, error: "could not be read (is it a folder?)" };
  }
}

function cell(root, p, role) {
  const node = clone(root, "score-cell");
  const score = p.scores[role];
  if (score === undefined) {
    slot(node, "score").textContent = "—";
    slot(node, "band").textContent = "not assessed";
    slot(node, "band").className = "hai-band hai-band--none";
  } else if (score === null) {
    slot(node, "score").textContent = "—";
    slot(node, "band").textContent = "too few answers";
    slot(node, "band").className = "hai-band hai-band--none";
  } else {
    slot(node, "score").textContent = String(score);
    slot(node, "band").textContent = BAND_WORDS[p.bands[role]];
    slot(node, "band").classList.add(`hai-band--${p.bands[role]}`);
  }
  return node;
}

function render(root, spec, report) {
  const names = Object.fromEntries(spec.roles.map((r) => [r.id, r.name]));
  const view = root.querySelector("[data-hai-report]");

  const profiles = report.people.filter((p) => p.assessment === "role-profile").length;
  const quizzes = report.count - profiles;
  const kinds = [];
  if (profiles) kinds.push(plural(profiles, "role profile", "role profiles"));
  if (quizzes) kinds.push(plural(quizzes, "one-role quiz", "one-role quizzes"));
  const asideText = report.observers_set_aside
    ? ` ${plural(report.observers_set_aside, "observer feedback file was", "observer feedback files were")} set aside: they belong on the Self and others page, not in the team's numbers.`
    : "";
  const rejectedText = report.rejected.length ? `${plural(report.rejected.length, "file", "files")} rejected, listed at the end.` : "No files rejected.";
  slot(view, "counts").textContent = `${plural(report.count, "person", "people")}${kinds.length ? `: ${kinds.join(" and ")}` : ""}. ${rejectedText}${asideText}`;

  const unledList = slot(view, "unled");
  const unledItems = report.unled.map((role) => {
    const li = document.createElement("li");
    li.textContent = `No one in this team leads ${names[role]}.`;
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
  slot(view, "focus-reason").textContent = focusReason(report);

  const roleRows = document.createDocumentFragment();
  for (const r of report.roles) {
    const row = clone(root, "role-row");
    const tr = row.firstElementChild;
    tr.dataset.role = r.role;
    for (const [name, text] of Object.entries({
      name: r.name, mean: meanText(r), n: String(r.n), leads: String(r.leads),
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
    slot(row, "lead").textContent = p.lead.length ? listText(p.lead.map((id) => names[id])) : "—";
    for (const td of row.querySelectorAll("td[data-role]")) td.append(cell(root, p, td.dataset.role));
    rows.append(row);
  }
  slot(view, "people").replaceChildren(rows);
  const meanRow = slot(view, "means");
  for (const td of meanRow.querySelectorAll("td[data-role]")) {
    const r = report.roles.find((x) => x.role === td.dataset.role);
    td.textContent = r.n ? `${meanText(r)} (n = ${r.n})` : "—";
  }
  slot(view, "people-block").hidden = report.people.length === 0;

  const warned = report.people.filter((p) => p.warnings.length);
  slot(view, "warnings-block").hidden = warned.length === 0;
  slot(view, "warnings-summary").textContent = `${plural(warned.length, "file was", "files were")} scored with a warning: open to read why`;
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
      status.textContent = `Reading ${i} of ${files.length} files…`;
      fresh.push(...await Promise.all(files.slice(i, i + BATCH).map(readFile)));
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
    status.textContent = `Read ${entries.length} file${entries.length === 1 ? "" : "s"}: ${report.count} result${report.count === 1 ? "" : "s"}, ${report.rejected.length} rejected.${repeated ? ` ${repeated} file${repeated === 1 ? " was" : "s were"} already loaded and skipped.` : ""}`;
  };

  const add = (fileList) => {
    const files = [...fileList];
    const gen = generation;
    queue = queue.then(() => load(files, gen)).catch((err) => {
      reading.hidden = true;
      status.textContent = `The files could not be read: ${err.message}`;
    });
    return queue;
  };

  input.addEventListener("change", () => {
    add(input.files).then(() => {
      input.value = "";
    });
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("hai-drop--over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("hai-drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("hai-drop--over");
    if (event.dataTransfer?.files?.length) add(event.dataTransfer.files);
  });

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
    status.textContent = "Cleared. No files are loaded.";
    input.focus();
  });
}
