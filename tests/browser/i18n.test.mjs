// Every text the page shows exists in both languages: the two dictionaries have
// the same keys and placeholders, and every key used by the markup and the
// modules is defined. (Runs in node; no browser needed.)

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { WWW } from './harness.mjs';
import { STRINGS, translator, dimensionLabel } from '../../www/i18n/index.js';

// {name} and the plural form {name|one|other} (only English needs the latter).
const placeholders = (str) => [...new Set([...str.matchAll(/\{(\w+)(?:\|[^{}|]*\|[^{}|]*)?\}/g)].map((m) => m[1]))].sort();

test('English and Chinese have the same keys and the same placeholders', () => {
  const en = Object.keys(STRINGS.en).sort();
  const zh = Object.keys(STRINGS.zh).sort();
  assert.deepEqual(zh, en);
  for (const key of en) {
    assert.deepEqual(placeholders(STRINGS.zh[key]), placeholders(STRINGS.en[key]), key);
    assert.ok(STRINGS.zh[key].trim() && STRINGS.en[key].trim(), key);
  }
});

test('every key used in index.html and the modules is defined', () => {
  const used = new Set();
  const html = readFileSync(path.join(WWW, 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n(?:-placeholder|-title|-aria-label)?="([^"]+)"/g)) used.add(m[1]);
  for (const file of readdirSync(WWW, { recursive: true }).filter((f) => f.endsWith('.js'))) {
    // Without comments, which show usage examples.
    const src = readFileSync(path.join(WWW, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    // t('key'…) and addMessage(severity, 'key'…)
    for (const m of src.matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/addMessage\('\w+', '([\w.]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/key: '([\w.]+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 50, `found only ${used.size} keys`);
  const missing = [...used].filter((k) => !(k in STRINGS.en));
  assert.deepEqual(missing, []);
  // Keys built at run time: roles, severities, methods, column headers.
  for (const prefix of ['role.', 'severity.', 'method.', 'col.']) {
    assert.ok(Object.keys(STRINGS.en).some((k) => k.startsWith(prefix)), prefix);
  }
});

test('translate fills placeholders; dimension names fall back label → built-in → id', () => {
  const t = translator('zh');
  assert.equal(t('respondents.value', { analysed: 3, total: 4 }), '3 / 4');
  assert.equal(translator('en')('no.such.key'), 'no.such.key');
  const config = { dimensions: [{ id: 'reliability' }, { id: 'x', label: { en: 'Ex', zh: '叉' } }, { id: 'digital' }] };
  assert.equal(dimensionLabel(config, 'reliability', 'zh'), '可靠性');
  assert.equal(dimensionLabel(config, 'empathy', 'zh'), '移情性');
  assert.equal(dimensionLabel(config, 'x', 'zh'), '叉');
  assert.equal(dimensionLabel(config, 'digital', 'zh'), 'digital');
});

test('English plurals: "1 row", "2 rows" — Intl.PluralRules through {n|one|other}', () => {
  const en = translator('en');
  const zh = translator('zh');
  assert.equal(en('status.done', { n: 1, ms: 5 }), 'Analysed 1 row in 5 ms.');
  assert.equal(en('status.done', { n: '1,024', ms: 5 }), 'Analysed 1,024 rows in 5 ms.');
  assert.equal(en('structure.summary', { items: 1, dims: 1, cols: 2 }), '1 item in 1 dimension · 2 columns');
  assert.equal(en('findings.items', { sig: 1, n: 5, alpha: 0.05 }), '1 of 5 items falls significantly short of expectations (p < 0.05).');
  assert.equal(en('q.moreRows', { n: 1 }), '1 more row is flagged; exclude them by rule above.');
  assert.equal(zh('status.done', { n: 1, ms: 5 }), '已分析 1 行，用时 5 毫秒。');
  // A text in both languages as a parameter is taken in the translator's language.
  assert.equal(zh('msg.engineFailed', { error: { en: 'bad', zh: '坏' } }), '无法分析该问卷：坏');
});

test('no English text puts a count before a plural noun without the plural form', () => {
  // Counts that are always 2 or more where these texts are used.
  const atLeastTwo = new Set([
    'source.big:chars', 'weights.crLineGroup:n', 'ahp.reading.custom:times', 'ahp.tooMany:max', 'ahp.tooMany:n',
    'ahp.groupTitle:k', 'ahp.pasteSize:k', 'ahp.itemsToggle:n', 'ahp.itemsTooMany:n', 'work.rowsShown:total',
    'status.done:ms', 'msg.inputNotKept:chars', 'msg.inputNotKept:max', 'msg.inputNotKeptFile:max',
    'msg.configTooDeep:max', 'msg.structureNotKept:chars', 'cmp.groupsN:k', 'structure.showAll:n',
  ]);
  const bad = [];
  for (const [key, text] of Object.entries(STRINGS.en)) {
    for (const m of text.matchAll(/\{(\w+)\} (?:more |new )?([a-z]+s)\b/g)) {
      if (m[2] === 'is' || m[2] === 'vs') continue;
      if (!atLeastTwo.has(`${key}:${m[1]}`)) bad.push(`${key}: ${m[0]}`);
    }
  }
  assert.deepEqual(bad, []);
});
