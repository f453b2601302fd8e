// What survives a reload: language, the data (if small enough), the edited
// structure and the user's settings. localStorage holds a few MB per origin;
// anything larger is kept for the session only and the page says so.

const PREFIX = 'gapscope.v1.';

/** Data above this many characters is not stored (UTF-16: 2 bytes each, about 6 MB). */
export const MAX_STORED_CHARS = 3 * 1024 * 1024;

function area() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled (privacy mode, sandboxed frame)
  }
}

export function load(key, fallback = null) {
  try {
    const raw = area()?.getItem(PREFIX + key);
    return raw == null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

/** Store a JSON value; false when the browser refused (quota, disabled). */
export function save(key, value) {
  const s = area();
  if (!s) return false;
  try {
    if (value === null || value === undefined) s.removeItem(PREFIX + key);
    else s.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/**
 * Store the data source. Returns 'saved', 'too-large' (not stored, the previous
 * copy removed so a reload does not bring back older data) or 'failed'.
 */
export function saveInput(input) {
  if (!input) return save('input', null) ? 'saved' : 'failed';
  if (input.kind === 'demo') return save('input', { kind: 'demo' }) ? 'saved' : 'failed';
  const text = input.text;
  if (typeof text !== 'string' || text.length > MAX_STORED_CHARS) {
    save('input', null);
    return 'too-large';
  }
  if (save('input', { kind: input.kind, name: input.name ?? null, text })) return 'saved';
  save('input', null);
  return 'too-large';
}
