// Every text the page shows exists in both languages: the two dictionaries have
// the same keys and placeholders, and every key used by the markup and the
// modules is defined. (Runs in node; no browser needed.)

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { WWW } from './harness.mjs';
import { STRINGS, translator, dimensionLabel } from '../../www/i18n.js';

const placeholders = (str) => [...str.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
  for (const file of readdirSync(WWW).filter((f) => f.endsWith('.js'))) {
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
