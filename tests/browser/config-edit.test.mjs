// The structure editor's configuration edits (www/core/config-edit.js), in node.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setRole, setItem, setDimension, setReverse, tidy, fits, applyOverrides, normalise, hasAllocation, presetOf, cleanDimensionId, suggestItemId } from '../../www/core/config-edit.js';

const base = () => ({
  version: 1,
  scale: { min: 1, max: 7 },
  dimensions: [{ id: 'tangibles' }, { id: 'reliability' }],
  items: [
    { id: 'Q1', dimension: 'tangibles' },
    { id: 'Q5', dimension: 'reliability' },
  ],
  columns: [
    { name: 'E1', role: 'expectation', item: 'Q1' },
    { name: 'P1', role: 'perception', item: 'Q1' },
    { name: 'E5', role: 'expectation', item: 'Q5' },
    { name: 'P5', role: 'perception', item: 'Q5' },
    { name: 'branch', role: 'segment' },
  ],
  weighting: { method: 'equal' },
  alpha: 0.05,
});

test('ignoring both columns of an item removes the item and its empty dimension', () => {
  let c = setRole(base(), 'E5', 'ignore');
  assert.deepEqual(c.columns.find((x) => x.name === 'E5'), { name: 'E5', role: 'ignore' });
  assert.ok(c.items.some((i) => i.id === 'Q5')); // P5 still refers to it
  c = setRole(c, 'P5', 'ignore');
  assert.deepEqual(c.items.map((i) => i.id), ['Q1']);
  assert.deepEqual(c.dimensions.map((d) => d.id), ['tangibles']);
  // The input is not modified.
  assert.equal(base().columns[2].role, 'expectation');
});

test('a column turned into an item gets an id from its header; allocation gets a dimension', () => {
  let c = setRole(base(), 'branch', 'perception');
  assert.equal(c.columns.find((x) => x.name === 'branch').item, 'branch');
  c = setRole(base(), 'P5', 'importance');
  assert.equal(c.columns.find((x) => x.name === 'P5').item, 'Q5');
  c = setRole(base(), 'branch', 'allocation');
  assert.equal(c.columns.find((x) => x.name === 'branch').dimension, 'tangibles');
  assert.equal(suggestItemId('Q07_exp'), 'Q7');
  assert.equal(suggestItemId('期望12'), 'Q12');
});

test('moving an item moves it for both of its columns; new dimensions are created', () => {
  let c = setDimension(base(), 'P5', 'tangibles');
  assert.deepEqual(c.items.find((i) => i.id === 'Q5'), { id: 'Q5', dimension: 'tangibles' });
  assert.deepEqual(c.dimensions.map((d) => d.id), ['tangibles']); // reliability is empty now
  c = setDimension(base(), 'E1', 'digital');
  assert.deepEqual(c.dimensions.map((d) => d.id), ['reliability', 'digital']);
  c = setItem(base(), 'E1', 'Q9');
  assert.deepEqual(c.items.find((i) => i.id === 'Q9'), { id: 'Q9', dimension: 'tangibles' });
  assert.equal(setReverse(base(), 'E1', true).columns[0].reverse, true);
  assert.equal('reverse' in setReverse(setReverse(base(), 'E1', true), 'E1', false).columns[0], false);
});

test('fit, overrides and weights', () => {
  assert.equal(fits(base(), ['E1', 'P1', 'E5', 'P5', 'branch', 'extra']), true);
  assert.equal(fits(base(), ['E1', 'P1', 'E5']), false);
  const o = applyOverrides(base(), { scale: { min: 1, max: 5 }, alpha: 0.01, weighting: { method: 'direct', weights: { reliability: 3 } } });
  assert.deepEqual(o.scale, { min: 1, max: 5 });
  assert.equal(o.alpha, 0.01);
  assert.deepEqual(o.weighting, { method: 'direct', weights: { tangibles: 0, reliability: 3 } });
  // Allocation without points columns falls back to equal.
  assert.deepEqual(applyOverrides(base(), { weighting: { method: 'allocation' } }).weighting, { method: 'equal' });
  assert.equal(hasAllocation(base()), false);
  assert.deepEqual(normalise({ a: 1, b: 3 }, ['a', 'b']), { a: 0.25, b: 0.75 });
  assert.equal(normalise({ a: 0, b: 0 }, ['a', 'b']), null);
  assert.equal(normalise({ a: -1, b: 2 }, ['a', 'b']), null);
  assert.equal(presetOf({ min: 0, max: 10 }), '0-10');
  assert.equal(presetOf({ min: 2, max: 9 }), 'custom');
  assert.equal(cleanDimensionId('  digital channels '), 'digital_channels');
  assert.equal(cleanDimensionId(' -- '), null);
  assert.deepEqual(tidy({ ...base(), items: [] }).items.map((i) => i.id), ['Q1', 'Q5']);
});
