// Interface texts in English and Simplified Chinese. Messages about the data come
// from the engine already in both languages (report.diagnostics); the catalogues
// hold only what the page itself says. Placeholders: {name}.
//
// One catalogue per language and area (i18n/<lang>/<area>.js, each a plain object
// of key → text), assembled here into one dictionary per language. A new text goes
// into the catalogue of its area in every language (tests/browser/i18n.test.mjs
// checks that the languages have the same keys and placeholders).

import enPage from './en/page.js';
import enInput from './en/input.js';
import enQuality from './en/quality.js';
import enStructure from './en/structure.js';
import enWeights from './en/weights.js';
import enResults from './en/results.js';
import enAnalyses from './en/analyses.js';
import enDeliver from './en/deliver.js';
import zhPage from './zh/page.js';
import zhInput from './zh/input.js';
import zhQuality from './zh/quality.js';
import zhStructure from './zh/structure.js';
import zhWeights from './zh/weights.js';
import zhResults from './zh/results.js';
import zhAnalyses from './zh/analyses.js';
import zhDeliver from './zh/deliver.js';

const en = { ...enPage, ...enInput, ...enQuality, ...enStructure, ...enWeights, ...enResults, ...enAnalyses, ...enDeliver };
const zh = { ...zhPage, ...zhInput, ...zhQuality, ...zhStructure, ...zhWeights, ...zhResults, ...zhAnalyses, ...zhDeliver };

export const STRINGS = { en, zh };
export const LANGS = ['en', 'zh'];

// Built-in names of the five SERVQUAL dimensions (METHODS.md §1) and of the
// detector's catch-all; used when the configuration gives no label.
const DIMENSIONS = {
  tangibles: { en: 'Tangibles', zh: '有形性' },
  reliability: { en: 'Reliability', zh: '可靠性' },
  responsiveness: { en: 'Responsiveness', zh: '响应性' },
  assurance: { en: 'Assurance', zh: '保证性' },
  empathy: { en: 'Empathy', zh: '移情性' },
  other: { en: 'Other', zh: '其他' },
};

/** The language to start in: stored choice, else the browser's, else English. */
export function initialLang(stored) {
  if (LANGS.includes(stored)) return stored;
  const nav = (globalThis.navigator?.languages?.[0] || globalThis.navigator?.language || '').toLowerCase();
  return nav.startsWith('zh') ? 'zh' : 'en';
}

const pluralRules = new Map();
/** The CLDR plural category of n in a language ('one', 'other' …; Chinese has only 'other'). */
export function pluralOf(lang, n) {
  if (!pluralRules.has(lang)) pluralRules.set(lang, new Intl.PluralRules(lang === 'zh' ? 'zh-CN' : lang));
  const x = Number(String(n).replace(/[,\s]/g, ''));
  return Number.isFinite(x) ? pluralRules.get(lang).select(x) : 'other';
}

/**
 * A translate function for one language: t('key', {name: value}).
 *
 * - {name} is replaced by the parameter; a parameter given as {en, zh} (a text
 *   in both languages, e.g. an engine message) is taken in this language.
 * - {n|row|rows} is a plural: the first form when n is 'one' in this language
 *   (Intl.PluralRules), else the second — "1 row", "2 rows". Only English needs
 *   it; the Chinese texts have no plural forms.
 */
export function translator(lang) {
  const table = STRINGS[lang] || en;
  const value = (v) => (v && typeof v === 'object' ? (v[lang] ?? v.en ?? '') : v);
  return (key, params) => {
    let str = table[key] ?? en[key] ?? key;
    if (!params) return str;
    str = str.replace(/\{(\w+)\|([^{}|]*)\|([^{}|]*)\}/g, (m, k, one, other) => (k in params ? (pluralOf(lang, value(params[k])) === 'one' ? one : other) : m));
    return str.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(value(params[k])) : m));
  };
}

/** Pick the current language from an engine {en, zh} text. */
export function pick(text, lang) {
  if (!text) return '';
  return text[lang] ?? text.en ?? '';
}

/** A dimension's display name: its configured label, else the built-in name, else its id. */
export function dimensionLabel(config, id, lang) {
  const dim = config?.dimensions?.find((d) => d.id === id);
  const label = dim?.label?.[lang];
  if (label) return label;
  return DIMENSIONS[id]?.[lang] ?? id;
}

/** An item's display name: its configured label, else its id. */
export function itemLabel(config, id, lang) {
  const item = config?.items?.find((i) => i.id === id);
  return item?.label?.[lang] || id;
}

/**
 * Fill static markup: data-i18n → textContent, data-i18n-placeholder /
 * data-i18n-title / data-i18n-aria-label → those attributes.
 */
export function applyStatic(root, t) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.setAttribute('title', t(el.dataset.i18nTitle));
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
}
