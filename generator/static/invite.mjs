// "Invite observers": a leader makes a link that opens the observer questionnaire about them.
// The invitation lives in the link's fragment (never sent to the host):
// `#o=1&q=<assessment>&v=<bank_version>&n=<name>&i=<code>&to=<where to send>&c=<check>`.
// The check code is a CRC-32 of the decoded contents (crc32.mjs), last in the link, so
// an edited or truncated link is refused. It detects accidents, not forgery.

import { linkPanel } from "./actions.mjs";
import { crc32 } from "./crc32.mjs";
import { clone, slot } from "./dom.mjs";
import * as store from "./store.mjs";

export const INVITE_VERSION = "1";
export const MAX_NAME = 100;
export const MAX_TO = 200;
export const CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I/L: easy to read aloud
const CODE = /^[A-HJKMNP-Z2-9]{6}$/;
const LAST = "invite:last";

/** A fresh invitation code: 6 letters and digits, from the browser's cryptographic random source. */
export function newCode(random = (n) => crypto.getRandomValues(new Uint8Array(n))) {
  // 248 = 8 * 31: drop the top values so every letter is equally likely
  let code = "";
  while (code.length < 6) {
    for (const byte of random(8)) if (byte < 248 && code.length < 6) code += CODE_LETTERS[byte % 31];
  }
  return code;
}

export const isCode = (text) => CODE.test(String(text));

/** The check code over an invitation's decoded contents. */
export const inviteCheck = (inv, version = INVITE_VERSION) =>
  crc32([version, inv.assessment, inv.bankVersion, inv.name, inv.code, inv.to || ""].join("\n"));

// encodeURIComponent leaves !'()*~ alone; some mail programs end a link at them.
const enc = (s) => encodeURIComponent(s).replace(/[!\x27()*~]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** The fragment (without '#') of an invitation {assessment, bankVersion, name, code, to}. */
export function encodeInvite(inv) {
  const parts = [`o=${INVITE_VERSION}`, `q=${enc(inv.assessment)}`, `v=${enc(inv.bankVersion)}`, `n=${enc(inv.name)}`, `i=${inv.code}`];
  if (inv.to) parts.push(`to=${enc(inv.to)}`);
  parts.push(`c=${inviteCheck(inv)}`);
  return parts.join("&");
}

/**
 * Check what the form holds; returns {invite} or {errors: {name?, to?}}, each error a code:
 * "missing" or "long" (the page's templates word them).
 */
export function checkInvite({ assessment, bankVersion, name, to, code }) {
  const errors = {};
  const trimmed = name.trim();
  if (!trimmed) errors.name = "missing";
  else if ([...trimmed].length > MAX_NAME) errors.name = "long";
  if ([...to.trim()].length > MAX_TO) errors.to = "long";
  if (Object.keys(errors).length) return { errors };
  return { invite: { assessment, bankVersion, name: trimmed, code, to: to.trim() } };
}

/**
 * Read an invitation link's fragment.
 * @param known assessment id -> current bank_version (the assessments observers can answer)
 * @returns {invite} when the link can be used, else {refused: reason} with reason one of
 *   "none" (no invitation in the link), "incomplete", "changed", "unknown" (assessment),
 *   "damaged" (a field that cannot be read)
 */
export function decodeInvite(hash, known) {
  const fields = new Map();
  for (const piece of String(hash || "").replace(/^#/, "").split("&")) {
    const at = piece.indexOf("=");
    if (at > 0 && !fields.has(piece.slice(0, at))) fields.set(piece.slice(0, at), piece.slice(at + 1));
  }
  if (!fields.has("o") && !fields.has("i")) return { refused: "none" };
  const text = {};
  try {
    for (const [key, name] of [["q", "assessment"], ["v", "bankVersion"], ["n", "name"], ["i", "code"], ["to", "to"]]) {
      text[name] = decodeURIComponent(fields.get(key) ?? "");
    }
  } catch {
    return { refused: "damaged" };
  }
  const given = fields.get("c");
  if (!given || !text.assessment || !text.name || !text.code) return { refused: "incomplete" };
  if (given.toLowerCase() !== inviteCheck(text, fields.get("o") ?? "")) return { refused: "changed" };
  if (fields.get("o") !== INVITE_VERSION || !isCode(text.code) || [...text.name].length > MAX_NAME || [...text.to].length > MAX_TO) {
    return { refused: "damaged" };
  }
  if (!Object.hasOwn(known, text.assessment)) return { refused: "unknown" };
  return { invite: text, stale: known[text.assessment] !== text.bankVersion };
}

export function initInvite(root, ctx) {
  const { siteRoot } = ctx;
  const form = root.querySelector("[data-hai-invite-form]");
  if (!form) return;
  const errorBox = (name) => root.querySelector(`[data-hai-error="${name}"]`);
  const words = (name) => clone(root, name).textContent;
  const panel = linkPanel(root, form, { copied: () => words("copied"), manual: () => words("copy-by-hand") });
  const { name: nameField, to: toField } = form.elements;

  // One code per round: kept in this browser, so making the link again keeps the same code.
  const last = store.read(LAST).value;
  let code = isCode(last?.code) ? last.code : newCode();
  if (last && typeof last.name === "string") nameField.value = last.name;
  if (last && typeof last.to === "string") toField.value = last.to;

  const chosen = () => form.querySelector('input[name="assessment"]:checked') || form.querySelector('input[name="assessment"]');

  const showErrors = (errors) => {
    for (const [name, field] of [["name", nameField], ["to", toField]]) {
      errorBox(name).textContent = errors[name] ? words(`error-${name}-${errors[name]}`) : "";
      errorBox(name).hidden = !errors[name];
      if (errors[name]) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = chosen();
    const { invite, errors } = checkInvite({
      assessment: input.value, bankVersion: input.dataset.bankVersion, name: nameField.value, to: toField.value, code,
    });
    showErrors(errors || {});
    if (errors) {
      panel.say(words("status-not-created"));
      (errors.name ? nameField : toField).focus();
      return;
    }
    store.write(LAST, { code, name: invite.name, to: invite.to });
    slot(panel.output, "code").textContent = code;
    slot(panel.output, "send-to").textContent = invite.to || words("send-to-me");
    panel.show(`${new URL("observers/observe/", siteRoot).href}#${encodeInvite(invite)}`, words("status-created"));
  });

  root.querySelector('[data-action="new-code"]').addEventListener("click", () => {
    code = newCode();
    store.write(LAST, { code, name: nameField.value.trim(), to: toField.value.trim() });
    panel.stale.hidden = false;
    panel.say(words("status-new-code"));
    form.querySelector("button[type=submit]").focus();
  });
}
