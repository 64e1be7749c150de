// Everything this site keeps, in this browser's localStorage only, under keys starting
// "hai:<site path>:" (for a site at https://user.github.io/a/, "hai:/a/:"), so two sites on one
// origin never see or erase each other's data. Storage may be missing (privacy modes), full, or
// hold garbage from an older version or a hand edit: every read validates, every write reports
// failure instead of throwing.

// Where this site keeps what a leader stores: the root of the default language's site, from
// this folder (<site>/assets/assessments/). The site of another language lives one folder
// down (<site>/es/) and is built with "../../../" here, so switching language mid-quiz keeps
// every answer. Written at build time; this is the default language's value.
const SHARED_ROOT = "../../";

/** The path this site is served under ("/", "/a/"); the same in every language. */
export const SITE_PATH = new URL(SHARED_ROOT, import.meta.url).pathname;
const PREFIX = `hai:${SITE_PATH}:`;
// Before keys were scoped, every site on an origin wrote "hai:<name>". Only the site at "/"
// adopts those keys (see migrate): a site at /a/ cannot tell its old data from /b/'s.
const LEGACY = "hai:";
const ATTEMPTS = "attempts";
const MAX_ATTEMPTS = 200;

let migrated = false;

function storage() {
  let s;
  try {
    s = window.localStorage ?? null;
  } catch {
    return null; // blocked by privacy settings
  }
  if (s && !migrated) {
    migrated = true;
    migrate(s);
  }
  return s;
}

/** The full storage key of one of this site's names ("attempts" -> "hai:/a/:attempts"). */
export const storageKey = (name) => PREFIX + name;

/** This site's name for a full storage key, or null when the key is not this site's. */
function nameOf(key) {
  if (!key?.startsWith(PREFIX)) return null;
  const name = key.slice(PREFIX.length);
  // "hai:/a/:x/:attempts" belongs to a site at /a/:x/, not to /a/.
  return name.includes("/") ? null : name;
}

/** An unscoped key written before keys were scoped ("hai:attempts"), as its name; else null. */
function legacyName(key) {
  return key?.startsWith(LEGACY) && !key.startsWith(`${LEGACY}/`) ? key.slice(LEGACY.length) : null;
}

function legacyKeys(s) {
  const out = [];
  for (let i = 0; i < s.length; i += 1) if (legacyName(s.key(i)) !== null) out.push(s.key(i));
  return out;
}

/**
 * Move the unscoped keys of earlier versions to this site's keys, once, at the site served
 * at "/" only. A key is removed only after its value is safely written; when both exist (an old
 * page still open wrote after the move), attempts are merged and any other scoped value wins.
 */
function migrate(s) {
  if (SITE_PATH !== "/") return;
  try {
    for (const key of legacyKeys(s)) {
      const target = PREFIX + legacyName(key);
      const value = s.getItem(key);
      const current = s.getItem(target);
      if (current === null) s.setItem(target, value);
      else if (legacyName(key) === ATTEMPTS) s.setItem(target, mergeAttempts(value, current));
      s.removeItem(key);
    }
  } catch {
    /* storage full or blocked mid-way: what was not moved stays under its old key for next time */
  }
}

/** Old attempts then current ones, each kept once; unreadable text is kept as it is. */
function mergeAttempts(oldRaw, currentRaw) {
  let older;
  let current;
  try {
    older = JSON.parse(oldRaw);
    current = JSON.parse(currentRaw);
  } catch {
    return Array.isArray(older) ? oldRaw : currentRaw;
  }
  if (!Array.isArray(older)) return currentRaw;
  if (!Array.isArray(current)) return oldRaw;
  const seen = new Set();
  const merged = [...older, ...current].filter((a) => {
    const text = JSON.stringify(a);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  return JSON.stringify(merged.slice(-MAX_ATTEMPTS));
}

/** Whether answers can be kept: "ok", "full" (quota reached) or "unavailable". */
export function status() {
  const s = storage();
  if (!s) return "unavailable";
  const probe = `${PREFIX}probe`;
  try {
    s.setItem(probe, "1");
    s.removeItem(probe);
    return "ok";
  } catch (err) {
    return err?.name === "QuotaExceededError" ? "full" : "unavailable";
  }
}

/** Read a key; returns {value} or {error} (missing key is {value: undefined}). */
export function read(key) {
  const s = storage();
  if (!s) return { value: undefined, error: "unavailable" };
  let raw;
  try {
    raw = s.getItem(PREFIX + key);
  } catch {
    return { value: undefined, error: "unavailable" };
  }
  if (raw === null) return { value: undefined };
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return { value: undefined, error: "corrupt" };
  }
}

/** Write a key; returns null on success or a reason ("unavailable" or "full"). */
export function write(key, value) {
  const s = storage();
  if (!s) return "unavailable";
  try {
    s.setItem(PREFIX + key, JSON.stringify(value));
    return null;
  } catch {
    return "full";
  }
}

export function remove(key) {
  try {
    storage()?.removeItem(PREFIX + key);
  } catch {
    /* nothing to remove when storage is unavailable */
  }
}

/** Every key this site stores, without the prefix. */
export function keys() {
  const s = storage();
  if (!s) return [];
  const out = [];
  for (let i = 0; i < s.length; i += 1) {
    const name = nameOf(s.key(i));
    if (name !== null) out.push(name);
  }
  return out;
}

/** Erase everything this site stored in this browser. */
export function eraseAll() {
  for (const k of keys()) remove(k);
  if (SITE_PATH !== "/") return;
  // what a failed move left under the old unscoped keys is this site's too
  try {
    const s = storage();
    if (s) for (const k of legacyKeys(s)) s.removeItem(k);
  } catch {
    /* nothing to remove when storage is unavailable */
  }
}

const progressKey = (assessment, version) => `progress:${assessment}:${version}`;

/** Saved answers for this assessment: the current version's, or a stale version's to migrate. */
export function loadProgress(assessment, version) {
  const current = read(progressKey(assessment, version));
  if (current.error === "corrupt") remove(progressKey(assessment, version));
  if (isProgress(current.value)) return { ...current.value, stale: false, corrupt: !!current.error };
  const older = keys().filter((k) => k.startsWith(`progress:${assessment}:`) && k !== progressKey(assessment, version));
  for (const k of older) {
    const { value } = read(k);
    remove(k);
    if (isProgress(value)) return { ...value, stale: true, corrupt: current.error === "corrupt" };
  }
  return { answers: {}, savedAt: null, stale: false, corrupt: current.error === "corrupt" };
}

export const saveProgress = (assessment, version, answers) =>
  write(progressKey(assessment, version), { answers, savedAt: new Date().toISOString() });

export const clearProgress = (assessment, version) => remove(progressKey(assessment, version));

function isProgress(v) {
  return !!v && typeof v === "object" && !Array.isArray(v) && !!v.answers && typeof v.answers === "object" && !Array.isArray(v.answers);
}

/** Past attempts (result documents, SCORING.md format), oldest first; garbage entries dropped. */
export function loadAttempts() {
  const { value, error } = read(ATTEMPTS);
  if (!Array.isArray(value)) return { attempts: [], error: error || (value === undefined ? null : "corrupt") };
  const attempts = value.filter(
    (a) => a && typeof a === "object" && typeof a.assessment === "string" && a.answers && typeof a.answers === "object",
  );
  return { attempts, error: attempts.length === value.length ? error || null : "corrupt" };
}

/** Add an attempt; returns null or the reason it could not be kept. */
export function addAttempt(doc) {
  const { attempts } = loadAttempts();
  attempts.push(doc);
  return write(ATTEMPTS, attempts.slice(-MAX_ATTEMPTS));
}
