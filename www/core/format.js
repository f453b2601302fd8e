// Number formatting for tables and charts. Null means "undefined statistic" and is
// shown as an em dash by the caller, which also knows the reason.

const MINUS = '\u2212';

/** Fixed decimals with a true minus sign; null/undefined/NaN → null. */
export function fixed(x, digits = 2) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  let str = x.toFixed(digits);
  // -0.00 reads as a negative gap that is not there.
  if (/^-0\.?0*$/.test(str)) str = str.slice(1);
  return str.startsWith('-') ? MINUS + str.slice(1) : str;
}

/** Signed: +0.42 / −0.42 (gaps read better with an explicit sign). */
export function signed(x, digits = 2) {
  const str = fixed(x, digits);
  if (str === null) return null;
  return str.startsWith(MINUS) || Number(x.toFixed(digits)) === 0 ? str : '+' + str;
}

/** p-values: three decimals, "<0.001" below that. */
export function pValue(p) {
  if (p === null || p === undefined || !Number.isFinite(p)) return null;
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}

/** Percent with one decimal: 0.2345 → "23.5%". */
export function percent(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return (x * 100).toFixed(1) + '%';
}

/** Thousands separators, locale-independent so tests and screenshots are stable. */
export function count(n) {
  if (n === null || n === undefined || !Number.isFinite(n)) return null;
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Byte sizes for the data source line. */
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
