// "Assign": a coach picks modules and assessments, adds a note and a due date, and gets a
// link to the plan page that carries it all in the fragment (see plan.mjs for the format).
// Nothing is sent anywhere; every listener lives inside this page's part of the document.

import { slot } from "./dom.mjs";
import { MAX_NOTE, daysUntil, encodeAssignment, isIsoDate } from "./plan.mjs";

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/**
 * Check what the form holds; returns {assignment} or {errors: {what?, due?, note?}}.
 * `dueInvalid` is true when the browser holds a date it could not read (a half-typed one).
 */
export function checkAssignment({ modules, assessments, due, note, dueInvalid = false }, today = new Date()) {
  const errors = {};
  if (!modules.length && !assessments.length) errors.what = "Choose at least one module or assessment.";
  if (dueInvalid || (due && !isIsoDate(due))) errors.due = "Enter a complete date, or clear the field.";
  else if (due && daysUntil(due, today) < 0) errors.due = "This date is in the past. Choose today or a later date.";
  if (note.length > MAX_NOTE) errors.note = `The note is ${note.length} characters; the limit is ${MAX_NOTE}.`;
  if (Object.keys(errors).length) return { errors };
  return { assignment: { modules, assessments, due, note } };
}

export function initAssign(root, ctx) {
  const { siteRoot } = ctx;
  const form = root.querySelector("[data-hai-assign-form]");
  const noteField = form.elements.note;
  const dueField = form.elements.due;
  const count = root.querySelector("[data-hai-note-count]");
  const status = root.querySelector("[data-hai-status]");
  const output = root.querySelector("[data-hai-output]");
  const linkField = root.querySelector("[data-hai-link]");
  const copied = root.querySelector("[data-hai-copied]");
  const stale = root.querySelector("[data-hai-stale]");
  const preview = root.querySelector("[data-hai-preview]");
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
    count.textContent = `${plural(left, "character", "characters")} left of ${MAX_NOTE}.`;
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
    if (a.modules.length) parts.push(plural(a.modules.length, "module", "modules"));
    if (a.assessments.length) parts.push(plural(a.assessments.length, "assessment", "assessments"));
    let text = `This link assigns ${parts.join(" and ")}`;
    if (a.due) {
      const [y, m, d] = a.due.split("-").map(Number);
      text += `, due ${new Date(y, m - 1, d).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" })}`;
    }
    text += a.note ? ", with your note." : ".";
    return `${text} Send the same link to everyone who should follow this plan.`;
  };

  form.addEventListener("input", (event) => {
    if (event.target === noteField) showCount();
    if (!output.hidden) stale.hidden = false;
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
    const { assignment, errors } = checkAssignment({
      modules: checked("module"),
      assessments: checked("assessment"),
      due: dueField.value,
      note: noteField.value,
      dueInvalid: dueField.validity.badInput,
    }, new Date());
    showErrors(errors || {});
    if (errors) {
      const n = Object.keys(errors).length;
      status.textContent = `The link was not created: ${n === 1 ? "one thing needs" : `${n} things need`} fixing.`;
      const first = ["what", "note", "due"].find((name) => errors[name]);
      fieldsFor[first]()[0].focus();
      return;
    }
    const url = `${new URL("plan/", siteRoot).href}#${encodeAssignment(assignment)}`;
    linkField.value = url;
    preview.href = url;
    slot(output, "summary").textContent = summary(assignment);
    copied.textContent = "";
    stale.hidden = true;
    output.hidden = false;
    status.textContent = "Link created. It is shown below, ready to copy.";
    linkField.focus();
    linkField.select();
  });

  root.querySelector('[data-action="copy"]').addEventListener("click", async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(linkField.value);
      ok = true;
    } catch {
      linkField.focus();
      linkField.select();
      try {
        ok = document.execCommand("copy");
      } catch {
        ok = false;
      }
    }
    // Empty first, so saying "Copied" twice in a row is announced twice.
    copied.textContent = "";
    setTimeout(() => {
      copied.textContent = ok ? "Copied. Paste the link into your message." : "The link is selected: press Ctrl+C (or ⌘C on a Mac) to copy it.";
    }, 50);
  });

  showCount();
}
