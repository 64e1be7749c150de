// "My results": past attempts kept in this browser, and result files imported from disk.
// An imported file is checked like the Python CLI checks it: size, JSON, format, answers.

import { clone, fill, notify, say } from "./dom.mjs";
import { formatDate, joinList, translator } from "./i18n.mjs";
import { roleNames } from "./records.mjs";
import { MAX_RESULT_BYTES, parseResultText } from "./resultfile.mjs";
import { renderResult } from "./results.mjs";
import { score } from "./scoring.mjs";
import * as store from "./store.mjs";

export function initHistory(root, ctx) {
  const { spec } = ctx;
  const names = roleNames(spec);
  const t = translator(spec);
  const notice = root.querySelector("[data-hai-notice]");
  const list = root.querySelector("[data-hai-list]");
  const empty = root.querySelector("[data-hai-empty]");
  const tbody = list.querySelector('[data-slot="rows"]');
  const section = root.querySelector("[data-hai-results]");

  const show = (doc, warnings = [], previous = undefined) => {
    renderResult(section, { ...ctx, scope: root }, doc, { warnings, previous });
    section.querySelector("h2").focus();
  };

  const refresh = () => {
    const { attempts, error } = store.loadAttempts();
    if (error === "corrupt") notify(notice, say(root, "msg-corrupt"));
    tbody.replaceChildren();
    attempts.forEach((doc, index) => {
      let lead = "—";
      try {
        const r = score(spec, doc.assessment, doc.answers);
        if (r.profile) lead = joinList(spec.lang, r.profile.lead.map((id) => names[id]));
        else if (r.roles.length === 1 && r.roles[0].score !== null) lead = t("history.score_band", { score: r.roles[0].score, band: t("band." + r.roles[0].band).toLowerCase() });
      } catch {
        lead = say(root, "msg-cannot-score");
      }
      const row = fill(clone(root, "history-row"), {
        date: formatDate(spec.lang, doc.taken_at),
        assessment: spec.assessments[doc.assessment]?.title || doc.assessment,
        lead,
      });
      const previous = attempts.slice(0, index).filter((a) => a.assessment === doc.assessment).at(-1);
      row.querySelector('[data-action="view"]').addEventListener("click", () => {
        try {
          show(doc, [], previous);
        } catch (err) {
          notify(notice, say(root, "msg-not-shown", { error: err.message }));
        }
      });
      tbody.prepend(row);
    });
    list.hidden = attempts.length === 0;
    empty.hidden = attempts.length > 0;
  };

  root.querySelector("[data-hai-import]").addEventListener("change", async (event) => {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const text = file.size > MAX_RESULT_BYTES ? "" : await file.text();
      const { doc, warnings } = parseResultText(spec, text, file.size);
      const failed = store.addAttempt(doc);
      if (failed) warnings.push(say(root, "msg-not-kept"));
      notify(notice, say(root, "msg-imported", { file: file.name }));
      refresh();
      show(doc, warnings);
    } catch (err) {
      notify(notice, say(root, "msg-not-imported", { file: file.name, error: err.message }));
    }
    event.target.value = "";
  });

  refresh();
}
