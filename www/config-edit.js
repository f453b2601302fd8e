// Editing a survey configuration (docs/survey-config.md) the way the structure
// editor needs: pure functions from a config to a new config, so the page can keep
// the detected structure, the user's edits and their overrides apart.

export const ROLES = [
  'expectation',
  'perception',
  'importance',
  'allocation',
  'overall',
  'recommend',
  'effort',
  'segment',
  'wave',
  'id',
  'duration',
  'text',
  'ignore',
];

const ITEM_ROLES = new Set(['expectation', 'perception', 'importance']);
const REVERSIBLE = new Set(['expectation', 'perception', 'importance', 'overall']);

export const SCALE_PRESETS = [
  { id: '1-5', min: 1, max: 5 },
  { id: '1-7', min: 1, max: 7 },
  { id: '1-10', min: 1, max: 10 },
  { id: '0-10', min: 0, max: 10 },
];

export const isItemRole = (role) => ITEM_ROLES.has(role);
export const isReversible = (role) => REVERSIBLE.has(role);

export function clone(config) {
  return structuredClone(config);
}

/** The preset matching a scale, or 'custom'. */
export function presetOf(scale) {
  return SCALE_PRESETS.find((p) => p.min === scale?.min && p.max === scale?.max)?.id ?? 'custom';
}

/** True when every dimension has a points column, so allocation weighting can work. */
export function hasAllocation(config) {
  if (!config?.dimensions?.length) return false;
  return config.dimensions.every((d) => config.columns.some((c) => c.role === 'allocation' && c.dimension === d.id));
}

/** Every column the structure uses is in the data (ignored ones may be absent). */
export function fits(config, headers) {
  const have = new Set(headers);
  const used = config.columns.filter((c) => c.role !== 'ignore');
  return used.length > 0 && used.every((c) => have.has(c.name));
}

/** An item id for a column that becomes an item: the number in its header (Q7), else the header. */
export function suggestItemId(name) {
  const digits = name.match(/\d+/);
  return digits ? `Q${Number(digits[0])}` : name.trim() || 'item';
}

/**
 * Drop items no column refers to and dimensions with neither items nor points
 * columns; create items that columns refer to but the list lacks.
 */
export function tidy(config, fallbackDimension) {
  const out = clone(config);
  const referenced = new Set(out.columns.filter((c) => isItemRole(c.role) && c.item).map((c) => c.item));
  out.items = out.items.filter((it) => referenced.has(it.id));
  const firstDim = fallbackDimension ?? out.dimensions[0]?.id ?? 'other';
  for (const id of referenced) {
    if (!out.items.some((it) => it.id === id)) out.items.push({ id, dimension: firstDim });
  }
  for (const it of out.items) {
    if (!out.dimensions.some((d) => d.id === it.dimension)) out.dimensions.push({ id: it.dimension });
  }
  out.dimensions = out.dimensions.filter(
    (d) => out.items.some((it) => it.dimension === d.id) || out.columns.some((c) => c.role === 'allocation' && c.dimension === d.id),
  );
  return out;
}

function column(config, name) {
  const col = config.columns.find((c) => c.name === name);
  if (!col) throw new Error(`no column ${name}`);
  return col;
}

export function setRole(config, name, role) {
  const out = clone(config);
  const col = column(out, name);
  col.role = role;
  if (isItemRole(role)) {
    if (!col.item) col.item = suggestItemId(name);
    delete col.dimension;
  } else {
    delete col.item;
    if (role !== 'allocation') delete col.dimension;
    else if (!col.dimension) col.dimension = out.dimensions[0]?.id;
  }
  if (!isReversible(role)) delete col.reverse;
  return tidy(out);
}

export function setItem(config, name, itemId) {
  const out = clone(config);
  const col = column(out, name);
  const id = itemId.trim();
  if (!id || !isItemRole(col.role)) return config;
  const oldDim = out.items.find((it) => it.id === col.item)?.dimension;
  col.item = id;
  return tidy(out, oldDim);
}

/** For an item column: move its item to `dimId`; for a points column: the dimension it weights. */
export function setDimension(config, name, dimId) {
  const out = clone(config);
  const col = column(out, name);
  if (!out.dimensions.some((d) => d.id === dimId)) out.dimensions.push({ id: dimId });
  if (col.role === 'allocation') col.dimension = dimId;
  else if (isItemRole(col.role)) {
    const item = out.items.find((it) => it.id === col.item);
    if (item) item.dimension = dimId;
    else out.items.push({ id: col.item, dimension: dimId });
  }
  return tidy(out);
}

export function setReverse(config, name, reverse) {
  const out = clone(config);
  const col = column(out, name);
  if (reverse) col.reverse = true;
  else delete col.reverse;
  return out;
}

/** A dimension id from what the user typed: trimmed, inner spaces to underscores. */
export function cleanDimensionId(text) {
  const id = String(text ?? '').trim().replace(/\s+/g, '_');
  return /[\p{L}\p{N}]/u.test(id) ? id : null;
}

/** Scale, significance level and weighting chosen by the user, applied on a base structure. */
export function applyOverrides(base, overrides) {
  const out = clone(base);
  if (overrides?.scale) out.scale = { ...overrides.scale };
  if (overrides?.alpha) out.alpha = overrides.alpha;
  // Options of the optional analyses (IPA, CSAT, CES, drivers), merged per group.
  if (overrides?.analyses) {
    out.analyses = { ...out.analyses };
    for (const [group, opts] of Object.entries(overrides.analyses)) out.analyses[group] = { ...out.analyses[group], ...opts };
  }
  const w = overrides?.weighting;
  if (w?.method === 'equal') out.weighting = { method: 'equal' };
  else if (w?.method === 'allocation') out.weighting = hasAllocation(out) ? { method: 'allocation' } : { method: 'equal' };
  else if (w?.method === 'direct') {
    const weights = {};
    for (const d of out.dimensions) {
      const v = Number(w.weights?.[d.id]);
      weights[d.id] = Number.isFinite(v) ? v : 0;
    }
    out.weighting = { method: 'direct', weights };
  } else if (METHOD_WEIGHTINGS.has(w?.method)) {
    // Built by the weights workspace for the current dimensions; the engine
    // explains a matrix that no longer fits them.
    out.weighting = clone(w);
  }
  return out;
}

/** Weightings whose settings the weights workspace (weights-panel.js) owns. */
const METHOD_WEIGHTINGS = new Set(['ahp', 'entropy', 'critic', 'combined']);

/** Typed-in weights normalised to Σ = 1 (what the engine will use), or null if unusable. */
export function normalise(weights, dimensionIds) {
  const raw = dimensionIds.map((id) => Number(weights?.[id]));
  if (raw.some((v) => !Number.isFinite(v) || v < 0)) return null;
  const total = raw.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return null;
  return Object.fromEntries(dimensionIds.map((id, i) => [id, raw[i] / total]));
}

/** Stable comparison of two configs (key order as produced by the engine). */
export function sameConfig(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
