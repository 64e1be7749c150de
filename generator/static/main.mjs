// Entry point: sets up each interactive part of a page once per page view. Material's
// `document$` emits on the first load and after every instant navigation; without
// Material, the page is set up once.

import { initAssign } from "./assign.mjs";
import { initErase } from "./erase.mjs";
import { initHistory } from "./history.mjs";
import { initPlan } from "./plan.mjs";
import { initQuiz } from "./quiz.mjs";
import { initTeam } from "./team.mjs";

const siteRoot = new URL("../../", import.meta.url);
const ready = new WeakSet();
const specs = new Map();

function loadSpec(name) {
  if (!specs.has(name)) {
    const url = new URL(`spec/${name}.json`, import.meta.url);
    specs.set(name, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url.pathname} answered ${r.status}`);
      return r.json();
    }).catch((err) => {
      specs.delete(name);
      throw err;
    }));
  }
  return specs.get(name);
}

function fail(root, err) {
  const box = document.createElement("p");
  box.className = "hai-missing";
  box.setAttribute("role", "alert");
  box.textContent = `The questionnaire could not be loaded (${err.message}). Check your connection and reload the page; any answers you gave are kept in this browser.`;
  root.prepend(box);
}

const parts = [
  ["[data-hai-quiz]", (el) => el.dataset.haiQuiz, initQuiz],
  ["[data-hai-history]", () => "all", initHistory],
  ["[data-hai-assign]", () => "all", initAssign],
  ["[data-hai-plan]", () => "all", initPlan],
  ["[data-hai-team]", () => "all", initTeam],
  ["[data-hai-erase]", () => null, initErase],
];

function start() {
  for (const [selector, specName, init] of parts) {
    for (const root of document.querySelectorAll(selector)) {
      if (ready.has(root)) continue;
      ready.add(root);
      root.dataset.haiReady = "loading";
      const name = specName(root);
      (name ? loadSpec(name) : Promise.resolve(null))
        .then((spec) => {
          init(root, { spec, siteRoot });
          root.dataset.haiReady = "yes";
        })
        .catch((err) => {
          root.dataset.haiReady = "failed";
          fail(root, err);
        });
    }
  }
}

const material = globalThis.document$;
if (material && typeof material.subscribe === "function") material.subscribe(start);
else start();
