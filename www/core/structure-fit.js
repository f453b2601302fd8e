// An edited structure meets new data (issue 8, item 18): never thrown away.
// Pure functions over {structure, parked} and the data's headers; the session keeps
// the state, stores it and shows the messages.
//
//   checkFit({structure, parked}, headers, loaded) → {structure, parked, fit, messages, changed}
//   activeStructure(structure, fit)                → the structure laid on the data's columns

import { fitOf, adaptStructure } from './config-edit.js';

/** Column names for a message, in both languages: “a”, “b” and 3 more / “a”、“b”等 5 列. */
export function nameList(names, max = 6) {
  const shown = names.slice(0, max).map((n) => `“${n}”`);
  const more = names.length - shown.length;
  let en;
  if (more) en = `${shown.join(', ')} and ${more} more`;
  else if (shown.length > 1) en = `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  else en = shown[0] ?? '';
  return { en, zh: more ? `${shown.join('、')}等 ${names.length} 列` : shown.join('、') };
}

/**
 * New data (or a structure just chosen: `loaded`): how does the edited
 * structure fit its columns? Fits: used as it is. Partly: laid on what fits,
 * the rest named. Not at all: put aside (`parked`, still stored) and offered
 * again — unless it was just chosen, then it is used and the mismatch named. A
 * structure put aside that fits the new data fully comes back.
 * `changed`: structure or parked changed (store them again).
 */
export function checkFit({ structure, parked }, headers, loaded = false) {
  const messages = [];
  let changed = false;
  if (!structure && parked && fitOf(parked, headers).level === 'full') {
    structure = parked;
    parked = null;
    changed = true;
    messages.push({ severity: 'info', key: 'msg.structureBack', params: {} });
  }
  if (!structure) return { structure, parked, fit: null, messages, changed };
  const fit = fitOf(structure, headers);
  if (fit.level === 'none' && !loaded) {
    messages.push({ severity: 'warning', key: 'msg.structureParked', params: { n: fit.missing.length, missing: nameList(fit.missing) } });
    return { structure: null, parked: structure, fit: null, messages, changed: true };
  }
  const params = { n: fit.missing.length, missing: nameList(fit.missing), k: fit.extra.length, extra: nameList(fit.extra) };
  let key = null;
  if (fit.level === 'none') key = 'msg.structureNoFit';
  else if (fit.missing.length && fit.extra.length) key = 'msg.structurePartial';
  else if (fit.missing.length) key = 'msg.structureMissing';
  else if (fit.extra.length) key = 'msg.structureExtra';
  if (key) messages.push({ severity: 'warning', key, params });
  return { structure, parked, fit: { ...fit, headers }, messages, changed };
}

/** The edited structure as it applies to the data it was checked against (config-edit.js adaptStructure), or null. */
export function activeStructure(structure, fit) {
  if (!structure) return null;
  if (fit && fit.level !== 'none' && (fit.missing.length || fit.extra.length)) return adaptStructure(structure, fit.headers);
  return structure;
}
