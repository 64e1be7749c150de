// A horizontal bar chart of role scores in SVG, with the bands as shaded zones.
// The table next to it carries the same numbers for screen readers and for print.

const NS = "http://www.w3.org/2000/svg";
const PAD = 4;
const BAR_W = 330;
const ROW_H = 46; // a label line above each bar keeps the text legible on a phone

function el(name, attrs = {}, text = "") {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text) node.textContent = text;
  return node;
}

/**
 * @param rows role rows from score(): {role, score, band}
 * @param names role id -> display name
 * @param thresholds {developing, strong}
 * @param text {label: what the chart is, noScore: role id -> why it has no bar} from the page
 */
export function barChart(rows, names, thresholds, text) {
  const height = rows.length * ROW_H + 28;
  const width = PAD + BAR_W + 40;
  const x = (score) => PAD + (score / 100) * BAR_W;
  const summary = rows
    .map((r) => `${names[r.role]}: ${r.score === null ? text.noScore[r.role] : r.score}`)
    .join("; ");
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `${text.label} ${summary}.`,
    class: "hai-bars",
    preserveAspectRatio: "xMinYMin meet",
  });
  const top = 4;
  const zones = [
    ["emerging", 0, thresholds.developing],
    ["developing", thresholds.developing, thresholds.strong],
    ["strong", thresholds.strong, 100],
  ];
  for (const [name, from, to] of zones) {
    svg.append(el("rect", { class: `hai-zone hai-zone--${name}`, x: x(from), y: top, width: x(to) - x(from), height: rows.length * ROW_H }));
  }
  rows.forEach((r, i) => {
    const y = top + i * ROW_H;
    svg.append(el("text", { class: "hai-bars__label", x: PAD + 4, y: y + 17 }, names[r.role]));
    if (r.score === null) {
      svg.append(el("text", { class: "hai-bars__none", x: PAD + 4, y: y + 38 }, text.noScore[r.role]));
      return;
    }
    svg.append(el("rect", { class: `hai-bar hai-bar--${r.band}`, x: PAD, y: y + 24, width: Math.max(2, x(r.score) - PAD), height: 16, rx: 3 }));
    svg.append(el("text", { class: "hai-bars__value", x: x(r.score) + 5, y: y + 37 }, String(r.score)));
  });
  const axisY = top + rows.length * ROW_H + 18;
  for (const tick of [0, thresholds.developing, thresholds.strong, 100]) {
    svg.append(el("text", { class: "hai-bars__tick", x: x(tick), y: axisY, "text-anchor": tick ? "middle" : "start" }, String(tick)));
  }
  return svg;
}
