// Reading a survey.json the user chose (issue 8, item 11, page side). Its size
// and nesting are checked before it is parsed — JSON.parse, structuredClone and
// postMessage all recurse, and a file of a few MB can hold a structure that
// takes minutes or overflows the stack —, and items no column names are left
// out (they have no answers; thousands of them only cost time).
//
//   readConfigFile(file) → {config, dropped} | {refused: {key, params}}   (keys of i18n/)

import { bytes as fmtBytes } from './format.js';
import { jsonDepth } from './storage.js';
import { withoutUnusedItems } from './config-edit.js';
import { bothLanguages } from './errors.js';

/** A survey.json larger than this is refused before it is read. */
export const MAX_CONFIG_BYTES = 2 * 1024 * 1024;
/** A survey.json nested deeper than this is refused before it is parsed (Gapscope's own have 5 levels). */
export const MAX_CONFIG_DEPTH = 64;

/** Every message readConfigFile can give (the session clears them when another file is chosen). */
export const CONFIG_MESSAGES = new Set(['msg.configInvalid', 'msg.configTooLarge', 'msg.configTooDeep', 'msg.configNotJson', 'msg.configNoColumns', 'msg.configUnusedItems']);

export async function readConfigFile(file) {
  const refused = (key, params = {}) => ({ refused: { key, params: { name: file.name, ...params } } });
  if (file.size > MAX_CONFIG_BYTES) return refused('msg.configTooLarge', { size: fmtBytes(file.size), max: fmtBytes(MAX_CONFIG_BYTES) });
  let text;
  try {
    text = await file.text();
  } catch (err) {
    return refused('msg.configInvalid', { error: bothLanguages(err, 'page') });
  }
  if (jsonDepth(text, MAX_CONFIG_DEPTH) > MAX_CONFIG_DEPTH) return refused('msg.configTooDeep', { max: MAX_CONFIG_DEPTH });
  let config;
  try {
    config = JSON.parse(text);
  } catch (err) {
    return refused('msg.configNotJson', { detail: String(err?.message ?? err) });
  }
  if (!config || typeof config !== 'object' || Array.isArray(config) || !Array.isArray(config.columns)) return refused('msg.configNoColumns');
  return withoutUnusedItems(config);
}
