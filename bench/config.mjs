// The cost of a survey configuration in its size (issue 8, item 11): a
// survey.json with many items and dimensions, only one item in the data,
// analysed by the native CLI at one tenth of the limits and at the limits
// (5 000 items, 500 dimensions, typed weights). Linear steps give a ratio
// near 10 (less, since process start and the data are fixed costs);
// id matching by scanning gave ~100.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../tests/browser/harness.mjs';
import { median } from './util.mjs';

function config(items, dims) {
  return JSON.stringify({
    scale: { min: 1, max: 7 },
    min_items: 1,
    dimensions: Array.from({ length: dims }, (_, i) => ({ id: `d${i}` })),
    items: Array.from({ length: items }, (_, i) => ({ id: `i${i}`, dimension: `d${i % dims}` })),
    columns: [
      { name: 'E1', role: 'expectation', item: 'i1' },
      { name: 'P1', role: 'perception', item: 'i1' },
    ],
    weighting: { method: 'direct', weights: Object.fromEntries(Array.from({ length: dims }, (_, i) => [`d${i}`, 1])) },
  });
}

export function benchConfig({ runs = 3 } = {}) {
  const bin = path.join(REPO, 'target', 'release', 'gapscope');
  const dir = path.join(REPO, 'target', 'bench');
  mkdirSync(dir, { recursive: true });
  const data = path.join(dir, 'config-data.csv');
  writeFileSync(data, 'E1,P1\n5,4\n6,5\n7,5\n');
  const out = {};
  for (const [items, dims] of [[500, 50], [5000, 500]]) {
    const file = path.join(dir, `config-${items}.json`);
    writeFileSync(file, config(items, dims));
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(bin, ['analyze', data, '--config', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      const t1 = process.hrtime.bigint();
      if (r.error) return { skipped: `cannot run ${bin}: ${r.error.message} (cargo build --release)` };
      times.push(Number(t1 - t0) / 1e6);
    }
    out[`items_${items}_ms`] = median(times);
  }
  out.ratio = out.items_5000_ms / out.items_500_ms;
  return out;
}
