// A quiz page: progress, autosave, resume or start over, and results on submit.
// The questions are the page's own form, so the page needs no data to work; scoring, the
// results view and its texts are fetched when first needed (warmed up once the leader is
// answering). All listeners live on elements inside the quiz, so a page swap by instant
// navigation takes them away with the page; main.mjs sets each quiz up once.

import { clone, fill, notify, pageLang, say, sayCount, slot } from "./dom.mjs";
import * as store from "./store.mjs";

const NA = "na"; // the Likert answer "did not come up" (SCORING.md v2)

// The results view: its module (which brings its styles, results.css) and this assessment's spec.
const resultsView = (ctx, assessment) =>
  Promise.all([import("./results.mjs"), ctx.load(assessment)])
    .then(([mod, spec]) => mod.styled.then(() => ({ ...mod, spec })));

/** The questions of a quiz form: id to "likert" or "scenario", and the values each accepts. */
export function formQuestions(form) {
  const questions = new Map();
  for (const fs of form.querySelectorAll("fieldset[data-item]")) {
    const values = [...fs.querySelectorAll("input[type=radio]")].map((i) => i.value);
    questions.set(fs.dataset.item, { kind: fs.dataset.kind, values });
  }
  return questions;
}

/** Keep only answers that fit the current questions; count the rest. */
export function validAnswers(questions, answers) {
  const kept = {};
  let dropped = 0;
  for (const [id, value] of Object.entries(answers || {})) {
    const q = questions.get(id);
    const fits = q && (q.kind === "likert" ? Number.isInteger(value) || value === NA : typeof value === "string");
    if (fits && q.values.includes(String(value))) kept[id] = value;
    else dropped += 1;
  }
  return { kept, dropped };
}

export async function initQuiz(root, ctx) {
  const assessment = root.dataset.haiQuiz;
  const version = root.dataset.bankVersion;
  const form = root.querySelector("[data-hai-form]");
  const notice = root.querySelector("[data-hai-notice]");
  const missing = root.querySelector("[data-hai-missing]");
  const results = root.querySelector("[data-hai-results]");
  const progress = root.querySelector("[data-hai-progress] progress");
  const answeredLabel = root.querySelector('[data-hai-progress] [data-slot="answered"]');
  const kinds = formQuestions(form);
  const questions = [...kinds.keys()];

  const answers = () => {
    const out = {};
    for (const input of form.querySelectorAll("input[type=radio]:checked")) {
      const likert = kinds.get(input.name)?.kind === "likert" && input.value !== NA;
      out[input.name] = likert ? Number(input.value) : input.value;
    }
    return out;
  };

  const update = () => {
    const current = answers();
    const n = Object.keys(current).length;
    progress.value = n;
    answeredLabel.textContent = String(n);
    for (const fs of form.querySelectorAll("fieldset[data-item]")) {
      fs.classList.toggle("hai-item--answered", Object.hasOwn(current, fs.dataset.item));
    }
    return current;
  };

  const setAnswers = (values) => {
    form.reset();
    for (const [id, value] of Object.entries(values)) {
      const input = form.querySelector(`input[name="${CSS.escape(id)}"][value="${CSS.escape(String(value))}"]`);
      if (input) input.checked = true;
    }
    update();
  };

  const previousAttempt = () =>
    store.loadAttempts().attempts.filter((a) => a.assessment === assessment).at(-1);

  let view = null;
  const warm = () => {
    view ??= resultsView(ctx, assessment).catch((err) => {
      view = null;
      throw err;
    });
    return view;
  };

  const showResults = async (view, doc, previous, extra = []) => {
    const spec = view.withFormTexts(await view.withReport(view.spec, doc, ctx.load), form);
    form.hidden = true;
    notify(notice, "");
    const warnings = doc.bank_version === version ? [] : [say(root, "msg-earlier-version")];
    view.renderResult(results, { ...ctx, spec, scope: root, onRetake: retake }, doc, { previous, warnings: [...warnings, ...extra] });
    results.querySelector("h2").focus();
  };

  function retake() {
    store.clearProgress(assessment, version);
    setAnswers({});
    results.hidden = true;
    results.replaceChildren();
    form.hidden = false;
    missing.hidden = true;
    notify(notice, "");
    root.scrollIntoView({ block: "start" });
    form.querySelector("input").focus();
  }

  form.addEventListener("change", () => {
    const current = update();
    // When the browser is idle: warm the results view and, near the end, fetch the exercises
    // of the plan the answers so far would give (usually the final one), so results appear
    // without waiting and few unused exercises are fetched.
    const nearlyDone = 5 * Object.keys(current).length >= 4 * questions.length;
    (globalThis.requestIdleCallback ?? setTimeout)(() => {
      warm()
        .then((v) => nearlyDone && v.withReport(v.spec, { assessment, answers: current }, ctx.load))
        .catch(() => {});
    });
    const failed = store.saveProgress(assessment, version, current);
    if (failed) notify(notice, say(root, `msg-save-${failed}`));
  });

  const submit = async () => {
    const current = update();
    const view = await warm();
    const names = view.roleNames(view.spec);
    // A role is short when answering its skipped statements could still score it; answers of
    // "did not come up" are answers, never counted as missing.
    const short = view.roleResults(view.spec, assessment, current)
      .map((r) => ({ ...r, more: view.stillNeeded(r) }))
      .filter((r) => r.score === null && r.more > 0 && r.more <= view.skipped(r));
    if (short.length) {
      const detail = short.map((r) => say(root, "msg-more", { role: names[r.role], n: String(r.more) })).join("; ");
      const roles = new Set(short.map((r) => r.role));
      const first = questions.find((id) => roles.has(view.spec.items[id]?.role) && !Object.hasOwn(current, id));
      const msg = fill(clone(root, "missing"), { detail });
      slot(msg, "first").href = `#q-${first}`;
      missing.replaceChildren(msg);
      missing.hidden = false;
      missing.focus();
      return;
    }
    missing.hidden = true;
    const previous = previousAttempt();
    const doc = view.resultDoc(view.spec, assessment, current);
    const failed = store.addAttempt(doc);
    store.clearProgress(assessment, version);
    const extra = failed ? [say(root, "msg-not-kept")] : [];
    await showResults(view, doc, previous, extra);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit().catch((err) => {
      missing.textContent = say(root, "msg-not-shown", { error: err.message });
      missing.hidden = false;
      missing.focus();
    });
  });

  notice.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "continue") {
      notify(notice, "");
      const next = questions.find((id) => !form.querySelector(`input[name="${CSS.escape(id)}"]:checked`));
      const target = form.querySelector(`input[name="${CSS.escape(next || questions[0])}"]`);
      target.scrollIntoView({ block: "center" });
      target.focus();
    } else if (action === "start-over") {
      retake();
    }
  });

  // Restore saved progress, keeping every answer that still fits the questions.
  const saved = store.loadProgress(assessment, version);
  const { kept, dropped } = validAnswers(kinds, saved.answers);
  const restored = Object.keys(kept).length;
  setAnswers(kept);
  const messages = [];
  if (saved.corrupt) messages.push(say(root, "msg-corrupt"));
  const storage = store.status();
  if (storage !== "ok") messages.push(say(root, `msg-save-${storage}`));
  const lang = pageLang(root);
  const count = (n) => new Intl.NumberFormat(lang).format(n);
  // Dates are written by i18n.mjs, loaded only when there is a date to write.
  const when = async (iso) => (await import("./i18n.mjs")).formatDate(lang, iso);
  if (restored) {
    const kind = saved.stale ? "msg-stale" : "msg-welcome";
    messages.push(sayCount(root, kind, restored, { n: count(restored), date: await when(saved.savedAt) }));
    if (dropped) messages.push(sayCount(root, `${kind}-dropped`, dropped, { dropped: count(dropped) }));
    if (saved.stale) store.saveProgress(assessment, version, kept);
    notify(notice, messages.join(" "), true);
  } else {
    const last = previousAttempt();
    if (last) {
      messages.push(say(root, "msg-finished", { date: await when(last.taken_at) }));
    }
    notify(notice, messages.join(" "));
  }
}
