// "My plan": the checklist a coach sends as a link. The assignment lives in the link's
// fragment (never sent to the host): `#a=1&m=<modules>&q=<assessments>&due=<date>&note=<text>&c=<check>`.
// The check code is a CRC-32 of the decoded contents, last in the link, so an edited or
// truncated link is noticed. It detects accidents, not forgery: anyone can make a link.
// Ticks are kept in this browser under this site's key "plan:<check>" (store.mjs).

import { crc32 } from "./crc32.mjs";
import { clone, slot } from "./dom.mjs";
import { formatDay, translator } from "./i18n.mjs";
import * as store from "./store.mjs";

export { crc32 };

export const LINK_VERSION = "1";

/** The check code of an assignment: over its decoded contents, so re-encoding a link keeps it. */
export const checkCode = (a, version = LINK_VERSION) =>
  crc32([version, a.modules.join(","), a.assessments.join(","), a.due || "", a.note || ""].join("\n"));

// encodeURIComponent leaves !'()*~ alone; mail programs cut links at some of them.
const enc = (s) => encodeURIComponent(s).replace(/[!\u0027()*~]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** The fragment (without '#') for an assignment {modules, assessments, due, note}. */
export function encodeAssignment(a) {
  const id = (s) => enc(s).replace(/%2F/g, "/"); // "roles/conductor" reads better unescaped
  const parts = [`a=${LINK_VERSION}`];
  if (a.modules.length) parts.push(`m=${a.modules.map(id).join(",")}`);
  if (a.assessments.length) parts.push(`q=${a.assessments.map(id).join(",")}`);
  if (a.due) parts.push(`due=${a.due}`);
  if (a.note) parts.push(`note=${enc(a.note)}`);
  parts.push(`c=${checkCode(a)}`);
  return parts.join("&");
}

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1000 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whole days from `today` (a Date, local time) to the YYYY-MM-DD `due`; negative when past. */
export function daysUntil(due, today = new Date()) {
  const [y, m, d] = due.split("-").map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())) / 86400000);
}

/** Whether a fragment is meant as an assignment (not a heading anchor such as "#top"). */
export const isAssignmentHash = (hash) => String(hash || "").replace(/^#/, "").includes("=");

const quoted = (ids) => ids.map((id) => `“${id}”`).join(", ");

function cutNote(note, limit) {
  let cut = note.slice(0, limit);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never split an emoji in half
  return cut;
}

/**
 * Read a fragment against the ids this site knows.
 * @param hash location.hash (with or without '#')
 * @param known {modules: Set, assessments: Set}
 * @param spec the compiled spec: its messages (in its language) and the note's size limit
 * @returns {assignment, problems: string[], dropped: {modules, assessments}, key}: the valid
 *   part of the link, what was wrong with the rest, and the storage key of the valid part.
 */
export function decodeAssignment(hash, known, spec) {
  const t = translator(spec);
  const MAX_NOTE = spec.limits.note;
  const fields = new Map();
  for (const piece of String(hash || "").replace(/^#/, "").split("&")) {
    const at = piece.indexOf("=");
    if (at > 0 && !fields.has(piece.slice(0, at))) fields.set(piece.slice(0, at), piece.slice(at + 1));
  }
  const problems = [];
  const version = fields.get("a");
  if (version === undefined) problems.push(t("plan.problem.no_version"));
  else if (version !== LINK_VERSION) problems.push(t("plan.problem.version", { version, known: LINK_VERSION }));
  const unreadable = [];
  const ids = (key) => {
    const out = [];
    for (const raw of (fields.get(key) || "").split(",")) {
      if (!raw) continue;
      try {
        const id = decodeURIComponent(raw);
        if (!out.includes(id)) out.push(id);
      } catch {
        unreadable.push(raw);
      }
    }
    return out;
  };
  const split = (list, set) => [list.filter((id) => set.has(id)), list.filter((id) => !set.has(id))];
  const givenModules = ids("m");
  const givenAssessments = ids("q");
  const [modules, badModules] = split(givenModules, known.modules);
  const [assessments, badAssessments] = split(givenAssessments, known.assessments);
  if (badModules.length) problems.push(t("plan.problem.modules", { ids: quoted(badModules) }));
  if (badAssessments.length) problems.push(t("plan.problem.assessments", { ids: quoted(badAssessments) }));
  if (unreadable.length) problems.push(t("plan.problem.unreadable", { ids: quoted(unreadable) }));

  let due = fields.get("due") || "";
  if (due && !isIsoDate(due)) {
    let shown = due;
    try {
      shown = decodeURIComponent(due);
    } catch { /* show it as it is */ }
    problems.push(t("plan.problem.due", { due: shown.slice(0, 40) }));
    due = "";
  }
  let note = "";
  if (fields.has("note")) {
    try {
      note = decodeURIComponent(fields.get("note"));
    } catch {
      problems.push(t("plan.problem.note_damaged"));
    }
  }
  if (note.length > MAX_NOTE) {
    problems.push(t("plan.problem.note_long", { count: MAX_NOTE }));
    note = cutNote(note, MAX_NOTE);
  }

  const given = fields.get("c");
  const full = { modules: givenModules, assessments: givenAssessments, due: fields.get("due") || "", note: safeDecode(fields.get("note")) };
  if (!given) {
    problems.unshift(t("plan.problem.no_check"));
  } else if (given.toLowerCase() !== checkCode(full, version ?? "")) {
    problems.unshift(t("plan.problem.check"));
  }
  const assignment = { modules, assessments, due, note };
  if (!modules.length && !assessments.length) problems.push(t("plan.problem.nothing"));
  return {
    assignment,
    problems,
    dropped: { modules: badModules, assessments: badAssessments },
    key: checkCode(assignment),
  };
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text || "");
  } catch {
    return text || "";
  }
}

/** Module ids ticked in stored plan data; anything malformed is dropped. */
export function tickedModules(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const ticks = value.modules;
  if (!ticks || typeof ticks !== "object" || Array.isArray(ticks)) return {};
  return Object.fromEntries(Object.entries(ticks).filter(([, when]) => typeof when === "string"));
}

/** The newest attempt for each assessment id: id -> taken_at. */
export function latestAttempts(attempts) {
  const out = {};
  for (const a of attempts) {
    const when = typeof a.taken_at === "string" ? a.taken_at : "";
    if (!(a.assessment in out) || when > out[a.assessment]) out[a.assessment] = when;
  }
  return out;
}

/**
 * Listen on a window-level target only while `root` is on the page. Material's instant
 * navigation swaps pages without unloading, so the listener goes when its page goes.
 */
function listenWhileConnected(root, target, type, handler) {
  const controller = new AbortController();
  let subscription = null;
  const stop = () => {
    controller.abort();
    subscription?.unsubscribe?.();
  };
  target.addEventListener(type, (event) => (root.isConnected ? handler(event) : stop()), { signal: controller.signal });
  const material = globalThis.document$;
  if (material && typeof material.subscribe === "function") {
    subscription = material.subscribe(() => {
      if (!root.isConnected) stop();
    });
  }
}

function readCatalog(root) {
  const entries = new Map();
  for (const li of root.querySelectorAll("[data-hai-catalog] [data-id]")) {
    entries.set(`${li.dataset.kind}:${li.dataset.id}`, { title: li.textContent.trim(), url: li.dataset.url, meta: li.dataset.meta || "" });
  }
  const ids = (kind) => new Set([...entries.keys()].filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1)));
  return { entries, known: { modules: ids("module"), assessments: ids("assessment") } };
}

/** A result's date in the page's language, without the time. */
function dayText(when, lang, t) {
  const d = new Date(when);
  return Number.isNaN(d.getTime()) ? t("plan.task.unknown_date") : new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(d);
}

function dueText(due, allDone, lang, t) {
  const date = formatDay(lang, due, { weekday: true });
  const days = daysUntil(due);
  if (allDone) return { text: t("plan.due.done", { date }), late: false };
  if (days > 1) return { text: t("plan.due.left", { date, count: days }), late: false };
  if (days === 1) return { text: t("plan.due.tomorrow", { date }), late: false };
  if (days === 0) return { text: t("plan.due.today", { date }), late: false };
  return { text: t("plan.due.overdue", { date, count: -days }), late: true };
}

export function initPlan(root, ctx) {
  const { siteRoot, spec } = ctx;
  const t = translator(spec);
  const { entries, known } = readCatalog(root);
  const empty = root.querySelector("[data-hai-empty]");
  const view = root.querySelector("[data-hai-view]");
  const problemBox = root.querySelector("[data-hai-problems]");
  const notice = root.querySelector("[data-hai-notice]");
  const moduleList = root.querySelector("[data-hai-modules]");
  const assessmentList = root.querySelector("[data-hai-assessments]");
  const progress = root.querySelector("[data-hai-plan-progress] progress");
  const progressText = root.querySelector("[data-hai-plan-progress] [data-slot='done']");
  let key = null;
  let shown = null;

  const update = () => {
    const all = [...root.querySelectorAll("[data-task]")];
    const done = all.filter((li) => li.dataset.done === "yes").length;
    progress.max = Math.max(1, all.length);
    progress.value = done;
    progressText.textContent = t("plan.progress", { done, count: all.length });
    const dueBox = root.querySelector("[data-hai-due]");
    if (dueBox.dataset.due) {
      const { text, late } = dueText(dueBox.dataset.due, all.length > 0 && done === all.length, spec.lang, t);
      dueBox.textContent = text;
      dueBox.classList.toggle("hai-due--late", late);
    }
  };

  const markAssessments = () => {
    const latest = latestAttempts(store.loadAttempts().attempts);
    for (const li of assessmentList.querySelectorAll("[data-task]")) {
      const when = latest[li.dataset.task];
      const done = when !== undefined;
      li.dataset.done = done ? "yes" : "no";
      slot(li, "status").textContent = done ? t("plan.task.done", { date: dayText(when, spec.lang, t) }) : t("plan.task.not_taken");
    }
  };

  const render = (assignmentHash) => {
    const { assignment, problems, key: newKey } = decodeAssignment(assignmentHash, known, spec);
    key = newKey;
    shown = assignmentHash;
    empty.hidden = true;
    view.hidden = false;

    const problemList = slot(problemBox, "list");
    problemList.replaceChildren(...problems.map((text) => {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }));
    slot(problemBox, "title").textContent = t("plan.problems.title", { count: problems.length });
    problemBox.hidden = problems.length === 0;

    const noteBlock = root.querySelector("[data-hai-note-block]");
    slot(noteBlock, "note").textContent = assignment.note;
    noteBlock.hidden = !assignment.note;
    const dueBox = root.querySelector("[data-hai-due]");
    dueBox.dataset.due = assignment.due;
    dueBox.hidden = !assignment.due;

    const saved = store.read(`plan:${key}`);
    const ticks = tickedModules(saved.value);
    notice.hidden = true;
    if (saved.error === "unavailable") {
      slot(notice, "text").textContent = t("plan.storage.unavailable");
      notice.hidden = false;
    }

    moduleList.replaceChildren(...assignment.modules.map((id, index) => {
      const entry = entries.get(`module:${id}`);
      const node = clone(root, "module-task");
      const li = node.firstElementChild;
      li.dataset.task = id;
      li.dataset.done = ticks[id] ? "yes" : "no";
      const check = slot(node, "check");
      check.id = `hai-task-m${index}`;
      check.value = id;
      check.checked = !!ticks[id];
      slot(node, "label").htmlFor = check.id;
      slot(node, "label-title").textContent = entry.title;
      const link = slot(node, "link");
      link.href = new URL(entry.url, siteRoot).href;
      link.textContent = entry.title;
      return node;
    }));
    assessmentList.replaceChildren(...assignment.assessments.map((id) => {
      const entry = entries.get(`assessment:${id}`);
      const node = clone(root, "assessment-task");
      node.firstElementChild.dataset.task = id;
      const link = slot(node, "link");
      link.href = new URL(entry.url, siteRoot).href;
      link.textContent = entry.title;
      slot(node, "meta").textContent = entry.meta;
      return node;
    }));
    root.querySelector("[data-hai-read-block]").hidden = assignment.modules.length === 0;
    root.querySelector("[data-hai-take-block]").hidden = assignment.assessments.length === 0;
    markAssessments();
    update();
  };

  moduleList.addEventListener("change", (event) => {
    const check = event.target.closest("input[type=checkbox]");
    if (!check) return;
    const ticks = tickedModules(store.read(`plan:${key}`).value);
    if (check.checked) ticks[check.value] = new Date().toISOString();
    else delete ticks[check.value];
    check.closest("[data-task]").dataset.done = check.checked ? "yes" : "no";
    const failed = store.write(`plan:${key}`, { modules: ticks });
    if (failed) {
      slot(notice, "text").textContent = failed === "full" ? t("plan.storage.full") : t("plan.storage.unavailable");
      notice.hidden = false;
    }
    update();
  });

  const fromLocation = () => {
    const hash = window.location.hash;
    // A plain anchor ("#top") is not an assignment: keep whatever is shown.
    if (isAssignmentHash(hash) && hash !== shown) render(hash);
  };
  listenWhileConnected(root, window, "hashchange", fromLocation);
  // A result saved in another tab ticks its assessment here too.
  listenWhileConnected(root, window, "storage", (event) => {
    if (shown && (event.key === null || event.key === store.storageKey("attempts"))) {
      markAssessments();
      update();
    }
  });
  fromLocation();
}
