// Errors that are not about the data — a WebAssembly trap ("unreachable"), the
// browser running out of memory, a structure nested too deeply for
// structuredClone / JSON ("Maximum call stack size exceeded"), a module or file
// that could not be fetched ("Failed to fetch") — turned into a message a
// person can act on, in the page language: what happened and what to do. The
// raw text is kept only as `detail` (shown for errors of no known kind).
//
// explain(err, where) → {code, key, params}   for t(key, params) / addMessage
// bothLanguages(err, where) → {code, en, zh}   for messages built outside the session

import { translator } from '../i18n/index.js';

/** Where the error happened: picks the wording ("the analysis engine", "the workbook reader"…). */
const PLACES = new Set(['engine', 'workbook', 'methods', 'page']);

const MEMORY = /out of memory|memory\.grow|cannot allocate|allocation failed|memory allocation of|invalid (string|array|typed array) length|array buffer allocation|maximum memory size/i;
const STACK = /maximum call stack|too much recursion|stack overflow/i;
const NETWORK = /failed to fetch|networkerror|network error|load failed|dynamically imported module|importing a module script failed|net::err|http \d{3}|could not be started|module_failed/i;
const TRAP = /unreachable|runtimeerror|memory access out of bounds|divide by zero|integer overflow|indirect call|null function|table index/i;

function parts(err) {
  const name = String(err?.name ?? '');
  const message = String(err?.message ?? err ?? '');
  const code = String(err?.code ?? '');
  return { name, message, code, all: `${name} ${code} ${message}` };
}

/** The kind of a non-data error: 'memory' | 'deep' | 'network' | 'crash' | 'clone' | null. */
export function kindOf(err) {
  const { name, all } = parts(err);
  if (MEMORY.test(all)) return 'memory';
  if (STACK.test(all)) return 'deep';
  if (name === 'RuntimeError' || (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) || err?.fatal) return 'crash';
  if (NETWORK.test(all)) return 'network';
  if (name === 'CompileError' || name === 'LinkError') return 'network'; // not the module that was built (an error page?)
  if (name === 'DataCloneError') return 'clone';
  if (TRAP.test(all) && !/\s\/\s/.test(all)) return 'crash';
  return null;
}

/**
 * An engine message written "English / 中文" (src/wasm.rs) as {en, zh}, or null.
 * The split is at the first " / " followed by Chinese.
 */
export function bilingual(text) {
  const m = /^([\s\S]*?) \/ (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“‘（])([\s\S]*)$/.exec(String(text ?? ''));
  return m ? { en: m[1], zh: m[2] } : null;
}

/** {code, key, params} for one error; `where` is 'engine' | 'workbook' | 'methods' | 'page'. */
export function explain(err, where = 'engine') {
  const place = PLACES.has(where) ? where : 'page';
  const kind = kindOf(err);
  const detail = parts(err).message;
  switch (kind) {
    case 'memory':
      return { code: `${place}_out_of_memory`, key: `err.memory.${place}`, params: {} };
    case 'deep':
      return { code: 'too_deep', key: 'err.deep', params: {} };
    case 'crash':
      return { code: `${place}_crashed`, key: `err.crash.${place}`, params: {} };
    case 'network':
      return { code: 'not_loaded', key: 'err.network', params: {} };
    case 'clone':
      return { code: 'not_passed', key: 'err.clone', params: {} };
    default: {
      // The engine's own errors come in both languages; anything else is shown
      // as the technical detail of an unexpected error.
      const text = bilingual(detail);
      return { code: 'unexpected', key: 'err.unexpected', params: { detail: text ?? detail } };
    }
  }
}

const en = translator('en');
const zh = translator('zh');

/** Both languages at once, for messages carried as {en, zh} (file and workbook messages). */
export function bothLanguages(err, where) {
  const { code, key, params } = explain(err, where);
  const pick = (lang) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v && typeof v === 'object' ? v[lang] ?? v.en : v]));
  return { code, en: en(key, pick('en')), zh: zh(key, pick('zh')) };
}

/** One error's message in one language (for text put straight into a panel). */
export function describe(err, where, t, lang) {
  const { key, params } = explain(err, where);
  return t(key, localize(params, lang));
}

/** Parameters whose values are {en, zh} texts, in one language. */
export function localize(params, lang) {
  if (!params) return params;
  let out = null;
  for (const [k, v] of Object.entries(params)) {
    if (v && typeof v === 'object' && ('en' in v || 'zh' in v)) {
      out ??= { ...params };
      out[k] = v[lang] ?? v.en ?? '';
    }
  }
  return out ?? params;
}
