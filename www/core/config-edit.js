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
  const points = new Set(config.columns.filter((c) => c.role === 'allocation').map((c) => c.dimension));
  return config.dimensions.every((d) => points.has(d.id));
}

/** Every column the structure uses is in the data (ignored ones may be absent). */
export function fits(config, headers) {
  return fitOf(config, headers).level === 'full';
}

/**
 * How well an edited structure fits the columns of new data:
 *   used     the structure's columns that are not "ignore"
 *   missing  of those, the ones the data does not have
 *   extra    the data's columns the structure does not list at all
 *   level    'full'    every used column is there;
 *            'partial' most are (a header renamed or a column added or
 *                      removed: at most a quarter, or one, of them missing);
 *            'none'    it is a structure for other data.
 */
export function fitOf(config, headers) {
  const have = new Set(headers);
  const listed = new Set(config.columns.map((c) => c.name));
  const used = config.columns.filter((c) => c.role !== 'ignore');
  const missing = used.filter((c) => !have.has(c.name)).map((c) => c.name);
  const extra = headers.filter((name) => !listed.has(name));
  const present = used.length - missing.length;
  let level = 'none';
  if (used.length > 0 && missing.length === 0) level = 'full';
  else if (present > 0 && missing.length <= Math.max(1, Math.floor(used.length / 4))) level = 'partial';
  return { level, used: used.length, missing, extra };
}

/**
 * The edited structure laid on data it fits only partly: the columns it knows
 * keep their roles, columns it names that are gone are left out, and the
 * data's new columns are listed as "ignore" (shown in the editor, given a
 * role there). Items and dimensions left without columns are dropped (tidy).
 */
export function adaptStructure(config, headers) {
  const byName = new Map(config.columns.map((c) => [c.name, c]));
  const out = clone(config);
  out.columns = headers.map((name) => (byName.has(name) ? clone(byName.get(name)) : { name, role: 'ignore' }));
  return tidy(out);
}

/**
 * A loaded structure without the items no column refers to (they have no
 * answers: nothing to analyse). Returns {config, dropped}. Kept as it is when it
 * has AHP item matrices, whose rows follow the item list.
 */
export function withoutUnusedItems(config) {
  const w = config.weighting;
  if (!Array.isArray(config.items) || w?.items || w?.subjective?.items) return { config, dropped: 0 };
  const used = new Set((config.columns ?? []).filter((c) => c && isItemRole(c.role) && c.item != null).map((c) => String(c.item)));
  const items = config.items.filter((it) => it && used.has(String(it.id)));
  const dropped = config.items.length - items.length;
  return dropped ? { config: { ...config, items }, dropped } : { config, dropped: 0 };
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
  // Sets and maps throughout: a structure may list thousands of items.
  const referenced = new Set(out.columns.filter((c) => isItemRole(c.role) && c.item).map((c) => c.item));
  out.items = out.items.filter((it) => referenced.has(it.id));
  const itemIds = new Set(out.items.map((it) => it.id));
  const firstDim = fallbackDimension ?? out.dimensions[0]?.id ?? 'other';
  for (const id of referenced) {
    if (!itemIds.has(id)) out.items.push({ id, dimension: firstDim });
  }
  const dimIds = new Set(out.dimensions.map((d) => d.id));
  for (const it of out.items) {
    if (!dimIds.has(it.dimension)) {
      out.dimensions.push({ id: it.dimension });
      dimIds.add(it.dimension);
    }
  }
  const inUse = new Set(out.items.map((it) => it.dimension));
  for (const c of out.columns) if (c.role === 'allocation') inUse.add(c.dimension);
  out.dimensions = out.dimensions.filter((d) => inUse.has(d.id));
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

/** Weightings whose settings the weights workspace (weights/workspace.js) owns. */
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
