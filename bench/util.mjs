// Small helpers shared by the benchmarks.

import { gzipSync } from 'node:zlib';

export function median(xs) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** gzip -9, the size a static host serving precompressed files sends. */
export function gzipSize(buf) {
  return gzipSync(buf, { level: 9 }).length;
}

export const round = (x, digits = 0) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

export function kib(bytes) {
  return bytes === null || bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function ms(x) {
  return x === null || x === undefined ? '—' : `${Math.round(x)} ms`;
}
