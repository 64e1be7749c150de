// "Self and others": the leader's own result (from this browser or a file) beside observers'
// feedback files, per contracts/compare.md (compare.mjs computes; this module only shows).
// Files are read in this browser and forgotten with the page.

import { takeFiles } from "./actions.mjs";
import { compareFiles } from "./compare.mjs";
import { clone, fill, slot } from "./dom.mjs";
import { formatDate, joinList, translator } from "./i18n.mjs";
import { roleNames } from "./records.mjs";
import * as store from "./store.mjs";
import { readFile } from "./team.mjs";

const NS = "http://www.w3.org/2000/svg";
const PAD = 6;
const TRACK = 330;
const ROW_H = 50;
const MINUS = "\u2212";

function el(name, attrs = {}, text = "") {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text) node.textContent = text;
  return node;
}

const signed = (n) => (n > 0 ? `+${n}` : n < 0 ? `${MINUS}${-n}` : "0");

/** A message whose placeholders are shown in bold: `values` fill them as text. */
function withStrong(el, message, values) {
  el.replaceChildren(...message.split(/\{(\w+)\}/).map((part, i) => {
    if (i % 2 === 0) return part;
    const strong = document.createElement("strong");
    strong.textContent = values[part] ?? "";
    return strong;
  }));
}

/** One chart: per role a 0..100 track with the bands, a dot for you and a diamond for others. */
export function pairChart(rows, names, thresholds, words) {
  const width = PAD * 2 + TRACK + 30;
  const height = rows.length * ROW_H + 26;
  const x = (s) => PAD + (s / 100) * TRACK;
  const you = (r) => (r.self === null ? words.youNone : `${words.you} ${r.self}`);
  const them = (r) => (r.others === null ? words.othersNone : `${words.others} ${r.others}`);
  const said = rows.map((r) => `${names[r.role]}: ${you(r)}, ${them(r)}`);
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`, role: "img", class: "hai-bars hai-pairs", preserveAspectRatio: "xMinYMin meet",
    "aria-label": `${words.label} ${said.join("; ")}.`,
  });
  const zones = [["emerging", 0, thresholds.developing], ["developing", thresholds.developing, thresholds.strong], ["strong", thresholds.strong, 100]];
  rows.forEach((r, i) => {
    const y = 4 + i * ROW_H;
    svg.append(el("text", { class: "hai-bars__label", x: PAD, y: y + 15 }, names[r.role]));
    for (const [name, from, to] of zones) {
      svg.append(el("rect", { class: `hai-zone hai-zone--${name}`, x: x(from), y: y + 26, width: x(to) - x(from), height: 14 }));
    }
    const cy = y + 33;
    if (r.self !== null && r.others !== null) {
      svg.append(el("line", { class: "hai-pairs__link", x1: x(r.self), x2: x(r.others), y1: cy, y2: cy }));
    }
    if (r.others !== null) {
      const ox = x(r.others);
      svg.append(el("path", { class: "hai-pairs__others", d: `M${ox} ${cy - 8} L${ox + 8} ${cy} L${ox} ${cy + 8} L${ox - 8} ${cy} Z` }));
    }
    if (r.self !== null) svg.append(el("circle", { class: "hai-pairs__self", cx: x(r.self), cy, r: 6.5 }));
    svg.append(el("text", { class: "hai-bars__value hai-pairs__values", x: PAD + TRACK, y: y + 15, "text-anchor": "end" }, `${you(r)} · ${them(r)}`));
  });
  const axisY = rows.length * ROW_H + 20;
  for (const tick of [0, thresholds.developing, thresholds.strong, 100]) {
    svg.append(el("text", { class: "hai-bars__tick", x: x(tick), y: axisY, "text-anchor": tick ? "middle" : "start" }, String(tick)));
  }
  return svg;
}

function listInto(list, t, roles, names) {
  const items = roles.map((id) => {
    const li = document.createElement("li");
    li.textContent = names[id];
    return li;
  });
  if (!items.length) {
    const li = document.createElement("li");
    li.className = "hai-so-none";
    li.textContent = t("selfothers.none");
    items.push(li);
  }
  list.replaceChildren(...items);
}

function itemsInto(list, scope, spec, t, entries) {
  const decimal = new Intl.NumberFormat(spec.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  list.replaceChildren(...entries.map((e) => {
    const item = spec.items[e.item];
    const node = clone(scope, "item");
    // The page speaks in answers on the scale; reverse-keyed statements are turned back.
    const selfAnswer = item.reverse ? 6 - e.self : e.self;
    const sum = item.reverse ? 6 * e.n - e.others_sum : e.others_sum;
    fill(node, { text: item.text });
    withStrong(slot(node, "numbers"), t("selfothers.items.numbers", { self: "{self}", others: "{others}", count: e.n }), {
      self: `${spec.scale.labels[selfAnswer - 1]} (${selfAnswer})`,
      others: decimal.format(Math.floor((20 * sum + e.n) / (2 * e.n)) / 10),
    });
    slot(node, "reverse").hidden = !item.reverse;
    return node;
  }));
}

function render(root, spec, report, t) {
  const names = roleNames(spec);
  const view = root.querySelector("[data-hai-report]");
  const who = report.self.name || report.about;
  slot(view, "who").textContent = who || t("selfothers.report.this_browser");
  slot(view, "count").textContent = String(report.observers);
  slot(view, "left-out").textContent = String(report.rejected.length);
  slot(view, "left-out-block").hidden = report.rejected.length === 0;
  const enough = report.needed === 0;
  slot(view, "too-few").hidden = enough;
  slot(view, "needed").textContent = t("selfothers.too_few.needed", { count: report.needed, min: report.min_observers });
  slot(view, "shown").hidden = !enough;
  if (enough) {
    const words = {
      label: t("selfothers.chart.label"),
      you: t("selfothers.chart.you"),
      youNone: t("selfothers.chart.you_none"),
      others: t("selfothers.chart.others"),
      othersNone: t("selfothers.chart.others_none"),
    };
    slot(view, "chart").replaceChildren(pairChart(report.roles, names, spec.thresholds, words));
    slot(view, "rows").replaceChildren(...report.roles.map((r) => {
      const row = clone(root, "role-row");
      row.firstElementChild.dataset.role = r.role;
      const reading = t("selfothers.reading." + (r.status || (r.others === null ? "few" : "unscored")));
      fill(row, {
        name: names[r.role],
        self: r.self === null ? "—" : String(r.self),
        others: r.others === null ? "—" : String(r.others),
        k: String(r.k),
        gap: r.gap === null ? "—" : signed(r.gap),
        reading,
      });
      if (r.status) row.firstElementChild.classList.add(`hai-so-row--${r.status}`);
      return row;
    }));
    listInto(slot(view, "blind"), t, report.blind_spots, names);
    listInto(slot(view, "hidden"), t, report.hidden_strengths, names);
    listInto(slot(view, "aligned"), t, report.aligned, names);
    const leads = (prof) => (prof ? joinList(spec.lang, prof.lead.map((id) => names[id])) : t("selfothers.none"));
    slot(view, "self-lead").textContent = leads(report.self_profile);
    slot(view, "others-lead").textContent = leads(report.others_profile);
    itemsInto(slot(view, "higher"), root, spec, t, report.items.higher);
    itemsInto(slot(view, "lower"), root, spec, t, report.items.lower);
    slot(view, "higher-none").hidden = report.items.higher.length > 0;
    slot(view, "lower-none").hidden = report.items.lower.length > 0;
    slot(view, "groups-block").hidden = report.groups.length === 0;
    slot(view, "groups").replaceChildren(...report.groups.map((g) => {
      const row = clone(root, "group-row");
      fill(row, { name: t("relationship_group." + g.relationship), n: String(g.n) });
      for (const td of row.querySelectorAll("td[data-role]")) {
        const r = g.roles.find((x) => x.role === td.dataset.role);
        td.textContent = !r || r.others === null ? "—" : String(r.others);
      }
      return row;
    }));
    const ungrouped = report.groups.length && report.ungrouped;
    slot(view, "ungrouped").textContent = ungrouped ? t("selfothers.groups.ungrouped", { count: report.ungrouped }) : "";
  }
  slot(view, "rejected-block").hidden = report.rejected.length === 0;
  slot(view, "rejected").replaceChildren(...report.rejected.map((r) => fill(clone(root, "rejected-item"), { file: r.file, error: r.error })));
  const warnings = [
    ...report.self.warnings.map((w) => `${report.self.file}: ${w}`),
    ...report.accepted.flatMap((a) => a.warnings.map((w) => `${a.file}: ${w}`)),
    ...report.warnings,
  ];
  slot(view, "warnings-block").hidden = warnings.length === 0;
  slot(view, "warnings").replaceChildren(...warnings.map((w) => {
    const li = document.createElement("li");
    li.textContent = w;
    return li;
  }));
  view.hidden = false;
}

export function initSelfOthers(root, ctx) {
  const { spec } = ctx;
  const t = translator(spec);
  const observable = new Set((root.dataset.observable || "").split(" ").filter(Boolean));
  const select = root.querySelector("[data-hai-self-select]");
  const selfInput = root.querySelector("[data-hai-self-file]");
  const selfStatus = root.querySelector("[data-hai-self-status]");
  const filesInput = root.querySelector("[data-hai-files]");
  const filesStatus = root.querySelector("[data-hai-files-status]");
  const drop = root.querySelector("[data-hai-drop]");
  const clear = root.querySelector('[data-action="clear"]');
  const view = root.querySelector("[data-hai-report]");
  let own = null;
  let files = [];

  const show = () => {
    if (!own) {
      view.hidden = true;
      return;
    }
    try {
      render(root, spec, compareFiles(spec, own, files), t);
      selfStatus.textContent = "";
    } catch (err) {
      view.hidden = true;
      selfStatus.textContent = err.message;
    }
  };

  // Results kept in this browser, newest first: the ones observers can answer about.
  const { attempts } = store.loadAttempts();
  const mine = attempts
    .filter((a) => observable.has(a.assessment) && a.perspective !== "observer")
    .reverse();
  root.querySelector("[data-hai-history-choice]").hidden = mine.length === 0;
  root.querySelector("[data-hai-no-history]").hidden = mine.length > 0;
  mine.forEach((doc, i) => {
    const option = document.createElement("option");
    option.value = String(i);
    option.textContent = t("selfothers.self.option", {
      assessment: spec.assessments[doc.assessment]?.title || doc.assessment,
      date: formatDate(spec.lang, doc.taken_at),
    });
    select.append(option);
  });
  const fromHistory = (i) => {
    const doc = mine[i];
    own = { name: `${doc.assessment}-${String(doc.taken_at || "").slice(0, 10)}.json`, text: JSON.stringify(doc) };
    selfInput.value = "";
  };
  if (mine.length) {
    select.value = "0";
    fromHistory(0);
  }
  select.addEventListener("change", () => {
    if (select.value === "") own = null;
    else fromHistory(Number(select.value));
    show();
  });
  selfInput.addEventListener("change", async () => {
    const file = selfInput.files?.[0];
    if (!file) return;
    own = await readFile(file, spec);
    select.value = "";
    show();
  });

  const add = async (list) => {
    const fresh = await Promise.all([...list].map((f) => readFile(f, spec)));
    files = [...files, ...fresh];
    clear.hidden = files.length === 0;
    filesStatus.textContent = t("selfothers.files.loaded", { n: files.length });
    show();
  };
  takeFiles(filesInput, drop, add);
  clear.addEventListener("click", () => {
    files = [];
    clear.hidden = true;
    filesStatus.textContent = "";
    show();
    filesInput.focus();
  });
  root.querySelector('[data-action="print"]').addEventListener("click", () => window.print());
  show();
}
