// Entry point: sets up each interactive part of a page once per page view. Material's
// `document$` emits on the first load and after every instant navigation; without
// Material, the page is set up once. A part's module is imported only on pages that have
// the part, so a page loads just the code it uses.

const siteRoot = new URL("../../", import.meta.url);
const ready = new WeakSet();
const specs = new Map();

function loadSpec(name) {
  if (!specs.has(name)) {
    const url = new URL(`spec/${name}.json`, import.meta.url);
    specs.set(name, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status}`);
      return r.json();
    }).catch((err) => {
      specs.delete(name);
      throw err;
    }));
  }
  return specs.get(name);
}

/** A part's own stylesheet (a <link> inside it, for pages that need more styles) has loaded. */
const styled = (root) =>
  Promise.all([...root.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.sheet || new Promise((done) => {
    link.addEventListener("load", done, { once: true });
    link.addEventListener("error", done, { once: true });
  })));

// The words of a failure load with it (i18n.mjs); if even they cannot load, the error itself shows.
async function fail(root, err) {
  const box = document.createElement("p");
  box.className = "hai-missing";
  box.setAttribute("role", "alert");
  box.textContent = await import("./i18n.mjs")
    .then(({ pageTranslator }) => pageTranslator(document)("part.failed", { error: err.message }))
    .catch(() => err.message);
  root.prepend(box);
}

// [root selector, spec to load (null: none), module, its init function]
const parts = [
  ["[data-hai-quiz]", () => null, "./quiz.mjs", "initQuiz"],
  ["[data-hai-history]", () => "all", "./history.mjs", "initHistory"],
  ["[data-hai-assign]", () => "all", "./assign.mjs", "initAssign"],
  ["[data-hai-plan]", () => "all", "./plan.mjs", "initPlan"],
  ["[data-hai-team]", () => "all", "./team.mjs", "initTeam"],
  ["[data-hai-erase]", () => null, "./erase.mjs", "initErase"],
  ["[data-hai-invite]", () => null, "./invite.mjs", "initInvite"],
  ["[data-hai-observe]", () => null, "./observe.mjs", "initObserve"],
  ["[data-hai-selfothers]", () => "all", "./selfothers.mjs", "initSelfOthers"],
];

function start() {
  for (const [selector, specName, module, init] of parts) {
    for (const root of document.querySelectorAll(selector)) {
      if (ready.has(root)) continue;
      ready.add(root);
      root.dataset.haiReady = "loading";
      const name = specName(root);
      Promise.all([import(module), name ? loadSpec(name) : null, styled(root)])
        .then(([mod, spec]) => mod[init](root, { spec, siteRoot, load: loadSpec }))
        .then(() => {
          root.dataset.haiReady = "yes";
        })
        .catch((err) => fail(root, err).then(() => {
          root.dataset.haiReady = "failed";
        }));
    }
  }
}

const material = globalThis.document$;
if (material && typeof material.subscribe === "function") material.subscribe(start);
else start();
