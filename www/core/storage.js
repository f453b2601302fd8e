// What survives a reload, per tab: language, the data (if small enough), the
// edited structure and the user's settings. Nothing is ever sent anywhere.
//
// Each tab keeps its own work in sessionStorage (it survives a reload and
// belongs to that tab), so reloading one tab never shows another tab's data.
// Every save is also written to localStorage as the "last work" copy, and a new
// tab starts from that copy: the most recently saved work of any tab. Without
// sessionStorage the last-work copy is used alone; with no storage at all (a
// privacy mode, a sandboxed frame) nothing is kept and the page still works.
// Writes refused for lack of space are reported (`save` returns false) and leave
// no stale copy behind.

const PREFIX = 'gapscope.v1.';
/** Every key of ours, in any version, starts with this (forgetAll removes them). */
const OURS = 'gapscope';
/** Set in a tab's sessionStorage once it holds that tab's own work. */
const TAB_MARK = PREFIX + 'tab';

/** Data above this many characters is not stored (UTF-16: 2 bytes each, about 6 MB). */
export const MAX_STORED_CHARS = 3 * 1024 * 1024;
/** A stored value nested deeper than this is ignored (JSON.parse/structuredClone recurse). */
const MAX_STORED_DEPTH = 64;

function area(name) {
  try {
    const s = globalThis[name];
    if (!s) return null;
    // Some browsers expose the object but refuse every write (Safari private mode, once).
    const probe = PREFIX + 'probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null; // storage disabled (privacy mode, sandboxed frame, blocked cookies)
  }
}

const tab = area('sessionStorage');
const last = area('localStorage');
/** After forgetAll(): no more writes until the page is gone. */
let forgotten = false;

function ourKeys(s) {
  const keys = [];
  try {
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k?.startsWith(OURS)) keys.push(k);
    }
  } catch {
    // storage went away
  }
  return keys;
}

// A tab that has no work of its own yet (a new tab) starts from the last work.
if (tab && last && tab.getItem(TAB_MARK) === null) {
  let copied = 0;
  for (const k of ourKeys(last)) {
    if (!k.startsWith(PREFIX)) continue;
    try {
      tab.setItem(k, last.getItem(k));
      copied += 1;
    } catch {
      tab.removeItem(k); // too large for this tab's quota: not half-copied
    }
  }
  if (copied) tab.setItem(TAB_MARK, '1');
}

/** Where reads come from: the tab's own copy, else the last-work copy. */
const home = tab ?? last;

/** 'tab' (per-tab, survives reloads), 'shared' (one copy for all tabs) or 'none'. */
export function kind() {
  return tab ? 'tab' : last ? 'shared' : 'none';
}

/** Nesting depth of JSON text, counted without parsing (strings skipped); linear. */
export function jsonDepth(text, stopAt = Infinity) {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return max;
}

export function load(key, fallback = null) {
  try {
    const raw = home?.getItem(PREFIX + key);
    if (raw == null) return fallback;
    if (jsonDepth(raw, MAX_STORED_DEPTH) > MAX_STORED_DEPTH) return fallback;
    return JSON.parse(raw);
  } catch {
    return fallback;
  }
}

function write(s, k, raw) {
  try {
    if (raw === null) s.removeItem(k);
    else s.setItem(k, raw);
    return true;
  } catch {
    // Quota: remove the older copy rather than leave it to come back on reload.
    try {
      s.removeItem(k);
    } catch {
      // nothing more to do
    }
    return false;
  }
}

/**
 * Store a JSON value (null/undefined removes it). True when it will survive a
 * reload of this tab; false when the browser refused (quota, disabled).
 */
export function save(key, value) {
  pending.delete(key);
  if (forgotten || !home) return false;
  let raw = null;
  if (value !== null && value !== undefined) {
    try {
      raw = JSON.stringify(value);
    } catch {
      raw = undefined; // too deep or cyclic: not storable
    }
  }
  if (raw === undefined) {
    if (tab) write(tab, PREFIX + key, null);
    if (last) write(last, PREFIX + key, null);
    return false;
  }
  let ok = true;
  if (tab) {
    ok = write(tab, PREFIX + key, raw);
    if (ok && raw !== null) write(tab, TAB_MARK, '1');
  }
  // The last-work copy for new tabs; without sessionStorage it is the only copy.
  const lastOk = last ? write(last, PREFIX + key, raw) : false;
  return tab ? ok : lastOk;
}

// ------------------------------------------------------------ saving soon

/** key → value: saves waiting for their debounce (or for flush()). */
const pending = new Map();
let timer = null;

/**
 * Store a value a little later (typing in a field saves on every key without
 * writing on every key). flush() writes what is waiting at once; the page calls
 * it on pagehide and when it is hidden, so nothing typed is lost.
 */
export function saveSoon(key, value, delay = 250) {
  if (forgotten) return;
  pending.set(key, value);
  clearTimeout(timer);
  timer = setTimeout(flush, delay);
}

/** Write every pending save now; false if any was refused. */
export function flush() {
  clearTimeout(timer);
  timer = null;
  let ok = true;
  for (const [key, value] of [...pending]) ok = save(key, value) && ok;
  pending.clear();
  return ok;
}

/**
 * Store the data source. Returns 'saved', 'too-large' (above MAX_STORED_CHARS),
 * 'full' (the browser refused: quota) — in both cases not stored and the
 * previous copy removed, so a reload does not bring back older data — or
 * 'failed' (storage disabled).
 */
export function saveInput(input) {
  if (!home || forgotten) return 'failed';
  if (!input) return save('input', null) ? 'saved' : 'failed';
  if (input.kind === 'demo') return save('input', { kind: 'demo' }) ? 'saved' : 'failed';
  const text = input.text;
  if (typeof text !== 'string' || text.length > MAX_STORED_CHARS) {
    save('input', null);
    return 'too-large';
  }
  const kept = { kind: input.kind, name: input.name ?? null, text };
  // A reading the user chose for this data (a stray quote read as text).
  if (input.quotes) kept.quotes = input.quotes;
  if (save('input', kept)) return 'saved';
  save('input', null);
  return 'full';
}

// ------------------------------------------------------------ forgetting

/**
 * Remove everything of ours from this browser: every key starting with
 * "gapscope" in localStorage and sessionStorage, and any IndexedDB database or
 * Cache Storage cache of that name (the page uses neither today; a later version
 * might). Writes are refused afterwards, so nothing comes back before the reload.
 */
export async function forgetAll() {
  forgotten = true;
  clearTimeout(timer);
  pending.clear();
  for (const s of [tab, last]) {
    if (!s) continue;
    for (const k of ourKeys(s)) write(s, k, null);
  }
  try {
    const dbs = (await globalThis.indexedDB?.databases?.()) ?? [];
    await Promise.all(
      dbs
        .filter((d) => d.name?.startsWith(OURS))
        .map(
          (d) =>
            new Promise((resolve) => {
              const req = globalThis.indexedDB.deleteDatabase(d.name);
              req.onsuccess = req.onerror = req.onblocked = () => resolve();
            }),
        ),
    );
  } catch {
    // IndexedDB disabled: nothing of ours can be there
  }
  try {
    const names = (await globalThis.caches?.keys?.()) ?? [];
    await Promise.all(names.filter((n) => n.startsWith(OURS)).map((n) => globalThis.caches.delete(n)));
  } catch {
    // Cache Storage unavailable (not a secure context): nothing of ours there
  }
}
