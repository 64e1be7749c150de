// Everything this site keeps, in this browser's localStorage only, under keys starting "hai:".
// Storage may be missing (privacy modes), full, or hold garbage from an older version or a
// hand edit: every read validates, every write reports failure instead of throwing.

const PREFIX = "hai:";
const ATTEMPTS = "attempts";
const MAX_ATTEMPTS = 200;

function storage() {
  try {
    return window.localStorage ?? null;
  } catch {
    return null; // blocked by privacy settings
  }
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
    const k = s.key(i);
    if (k && k.startsWith(PREFIX)) out.push(k.slice(PREFIX.length));
  }
  return out;
}

/** Erase everything this site stored in this browser. */
export function eraseAll() {
  for (const k of keys()) remove(k);
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
