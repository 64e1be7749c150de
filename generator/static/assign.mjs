// "Assign": a coach picks modules and assessments, adds a note and a due date, and gets a
// link to the plan page that carries it all in the fragment (see plan.mjs for the format).
// Nothing is sent anywhere; every listener lives inside this page's part of the document.

import { linkPanel } from "./actions.mjs";
import { slot } from "./dom.mjs";
import { formatDay, joinList, translator } from "./i18n.mjs";
import { daysUntil, encodeAssignment, isIsoDate } from "./plan.mjs";

/**
 * Check what the form holds; returns {assignment} or {errors: {what?, due?, note?}}.
 * `dueInvalid` is true when the browser holds a date it could not read (a half-typed one).
 * `spec` gives the messages (in its language) and the note's size limit.
 */
export function checkAssignment({ modules, assessments, due, note, dueInvalid = false }, today, spec) {
  const t = translator(spec);
  const limit = spec.limits.note;
  const errors = {};
  if (!modules.length && !assessments.length) errors.what = t("assign.error.what");
  if (dueInvalid || (due && !isIsoDate(due))) errors.due = t("assign.error.due_incomplete");
  else if (due && daysUntil(due, today) < 0) errors.due = t("assign.error.due_past");
  if (note.length > limit) errors.note = t("assign.error.note", { length: note.length, limit });
  if (Object.keys(errors).length) return { errors };
  return { assignment: { modules, assessments, due, note } };
}

export function initAssign(root, ctx) {
  const { siteRoot, spec } = ctx;
  const t = translator(spec);
  const MAX_NOTE = spec.limits.note;
  const form = root.querySelector("[data-hai-assign-form]");
  const noteField = form.elements.note;
  const dueField = form.elements.due;
  const count = root.querySelector("[data-hai-note-count]");
  const panel = linkPanel(root, form, { copied: () => t("assign.copy.done"), manual: () => t("assign.copy.manual") });
  const errorBox = (name) => root.querySelector(`[data-hai-error="${name}"]`);
  const fieldsFor = {
    what: () => [...form.querySelectorAll("input[type=checkbox]")],
    due: () => [dueField],
    note: () => [noteField],
  };

  const today = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  dueField.min = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;

  const showCount = () => {
    const left = MAX_NOTE - noteField.value.length;
    count.textContent = t("assign.note_left", { count: left, limit: MAX_NOTE });
  };

  const showErrors = (errors) => {
    for (const [name, fields] of Object.entries(fieldsFor)) {
      const box = errorBox(name);
      box.textContent = errors[name] || "";
      box.hidden = !errors[name];
      for (const field of fields()) {
        if (errors[name]) field.setAttribute("aria-invalid", "true");
        else field.removeAttribute("aria-invalid");
      }
    }
  };

  const summary = (a) => {
    const parts = [];
    if (a.modules.length) parts.push(t("assign.summary.modules", { count: a.modules.length }));
    if (a.assessments.length) parts.push(t("assign.summary.assessments", { count: a.assessments.length }));
    const what = joinList(spec.lang, parts);
    const due = a.due ? formatDay(spec.lang, a.due) : "";
    let sentence;
    if (a.due) sentence = a.note ? t("assign.summary.due_note", { what, due }) : t("assign.summary.due", { what, due });
    else sentence = a.note ? t("assign.summary.note", { what }) : t("assign.summary.plain", { what });
    return `${sentence} ${t("assign.summary.send")}`;
  };

  noteField.addEventListener("input", showCount);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
    const { assignment, errors } = checkAssignment({
      modules: checked("module"),
      assessments: checked("assessment"),
      due: dueField.value,
      note: noteField.value,
      dueInvalid: dueField.validity.badInput,
    }, new Date(), spec);
    showErrors(errors || {});
    if (errors) {
      const n = Object.keys(errors).length;
      panel.say(t("assign.status.errors", { count: n }));
      const first = ["what", "note", "due"].find((name) => errors[name]);
      fieldsFor[first]()[0].focus();
      return;
    }
    slot(panel.output, "summary").textContent = summary(assignment);
    panel.show(`${new URL("plan/", siteRoot).href}#${encodeAssignment(assignment)}`, t("assign.status.created"));
  });

  showCount();
}
