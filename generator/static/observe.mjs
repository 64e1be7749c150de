// "Give feedback": the observer questionnaire an invitation link opens (see invite.mjs for the
// link). The statements are the page's own form; answers are saved in this browser under
// "hai:observe:<code>:<bank version>", and the end is a feedback file the observer downloads
// and sends themselves (SCORING.md, perspective "observer"). Nothing is sent anywhere.

import { clone, download, fill, notify, slot } from "./dom.mjs";
import { formatDate, translator } from "./i18n.mjs";
import { decodeInvite } from "./invite.mjs";
import { resultDoc } from "./records.mjs";
import * as store from "./store.mjs";

const progressKey = (invite, version) => `observe:${invite.code}:${version}`;

/** The answers held by a form: item id -> 1..5 or "na"; and the relationship ("" if none). */
export function formAnswers(form) {
  const answers = {};
  let relationship = "";
  for (const input of form.querySelectorAll("input[type=radio]:checked")) {
    if (input.name === "relationship") relationship = input.value;
    else answers[input.name] = input.value === "na" ? "na" : Number(input.value);
  }
  return { answers, relationship };
}

/** A file name that differs between observers, so a folder of them keeps every one. */
function fileName(code) {
  const tail = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => "abcdefghjkmnpqrstuvwxyz23456789"[b % 31]).join("");
  return `feedback-${code}-${tail}.json`;
}

export function initObserve(root, ctx = {}) {
  const refused = root.querySelector("[data-hai-refused]");
  const invited = root.querySelector("[data-hai-invited]");
  const forms = new Map([...root.querySelectorAll("[data-hai-observe-form]")].map((f) => [f.dataset.haiObserveForm, f]));
  const known = Object.fromEntries([...forms].map(([id, f]) => [id, f.dataset.bankVersion]));

  const { invite, refused: reason, stale } = decodeInvite(location.hash, known);
  if (!invite) {
    slot(refused, "text").textContent = clone(root, `refused-${reason}`).textContent;
    refused.hidden = false;
    return;
  }
  const form = forms.get(invite.assessment);
  const version = form.dataset.bankVersion;
  const notice = root.querySelector("[data-hai-notice]");
  const missing = form.querySelector("[data-hai-missing]");
  const done = root.querySelector("[data-hai-done]");
  const progress = form.querySelector("[data-hai-progress] progress");
  const answeredLabel = form.querySelector('[data-hai-progress] [data-slot="answered"]');
  const items = [...form.querySelectorAll("fieldset[data-item]")].map((fs) => fs.dataset.item);
  const key = progressKey(invite, version);
  for (const el of root.querySelectorAll('[data-slot="about"]')) el.textContent = invite.name;
  // Messages with a number or a date come from the catalogue, in the assessment's spec (the page
  // itself works without it: a failed load leaves the bare number).
  const ready = Promise.resolve(ctx.load?.(invite.assessment))
    .then((spec) => (spec ? { t: translator(spec), lang: spec.lang } : null))
    .catch(() => null);
  invited.hidden = false;
  form.hidden = false;

  const update = () => {
    const current = formAnswers(form);
    const n = Object.keys(current.answers).length;
    progress.value = n;
    answeredLabel.textContent = String(n);
    for (const fs of form.querySelectorAll("fieldset[data-item]")) {
      fs.classList.toggle("hai-item--answered", Object.hasOwn(current.answers, fs.dataset.item));
    }
    return current;
  };

  const setAnswers = ({ answers = {}, relationship = "" }) => {
    form.reset();
    for (const [id, value] of Object.entries(answers)) {
      if (!items.includes(id)) continue;
      const input = form.querySelector(`input[name="${CSS.escape(id)}"][value="${CSS.escape(String(value))}"]`);
      if (input) input.checked = true;
    }
    const rel = form.querySelector(`input[name="relationship"][value="${CSS.escape(String(relationship))}"]`);
    if (rel && relationship) rel.checked = true;
    return update();
  };

  const messages = [];
  if (stale) messages.push(clone(root, "stale").textContent);
  if (store.status() !== "ok") messages.push(clone(root, "unsaved").textContent);
  const saved = store.read(key).value;
  let restored = 0;
  if (saved && typeof saved === "object" && saved.answers && typeof saved.answers === "object") {
    restored = Object.keys(setAnswers(saved).answers).length;
  }
  ready.then((words) => {
    if (restored && words) {
      messages.push(words.t("observe.welcome_back", { count: restored, when: formatDate(words.lang, saved.savedAt) }));
    }
    notify(notice, messages.join(" "), restored > 0);
  });

  form.addEventListener("change", () => {
    const current = update();
    store.write(key, { ...current, savedAt: new Date().toISOString() });
  });

  let last = null;
  const offer = () => download(last.file, `${JSON.stringify(last.doc, null, 2)}\n`);

  const showMissing = (open, words) => {
    const msg = clone(root, "missing");
    slot(msg, "count").textContent = words ? words.t("observe.missing.count", { count: open.length }) : String(open.length);
    const first = slot(msg, "first");
    first.href = `#o-${open[0]}`;
    first.addEventListener("click", (e) => {
      e.preventDefault(); // keep the invitation in the address, so a reload still works
      const input = form.querySelector(`input[name="${CSS.escape(open[0])}"]`);
      input.scrollIntoView({ block: "center" });
      input.focus();
    });
    missing.replaceChildren(msg);
    missing.hidden = false;
    missing.focus();
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const { answers, relationship } = update();
    const open = items.filter((id) => !Object.hasOwn(answers, id));
    if (open.length) {
      ready.then((words) => showMissing(open, words));
      return;
    }
    missing.hidden = true;
    const spec = { result_format: root.dataset.resultFormat, assessments: { [invite.assessment]: { bank_version: version } } };
    // In the statements' order, so the file reads like the questionnaire.
    const ordered = Object.fromEntries(items.map((id) => [id, answers[id]]));
    const doc = resultDoc(spec, invite.assessment, ordered, "", "observer", { relationship, about: invite.name, invite: invite.code });
    last = { doc, file: fileName(invite.code) };
    offer();
    slot(done, "file").textContent = last.file;
    const send = invite.to
      ? fill(clone(root, "send-to"), { to: invite.to, about: invite.name })
      : fill(clone(root, "send-to-leader"), { about: invite.name });
    for (const el of send.querySelectorAll('[data-slot="about"]')) el.textContent = invite.name;
    slot(done, "send").replaceChildren(send);
    done.hidden = false;
    done.querySelector("h2").focus();
  });

  const startOver = () => {
    store.remove(key);
    setAnswers({});
  };

  notice.addEventListener("click", (event) => {
    if (event.target.closest('[data-action="start-over"]')) {
      startOver();
      notify(notice, "");
      form.querySelector("input").focus();
    }
  });
  done.querySelector('[data-action="download-again"]').addEventListener("click", () => last && offer());
  done.querySelector('[data-action="erase"]').addEventListener("click", () => {
    store.remove(key);
    root.querySelector("[data-hai-erased]").textContent = clone(root, "erased").textContent;
  });
}
