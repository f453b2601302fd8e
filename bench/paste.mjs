// The large-paste benchmark input: `rows` respondents × 44 items (E1..E22,
// P1..P22), answers 1-7, tab-separated with a header row — what copying a block
// of cells from Excel puts in a textarea (whose value always has \n line ends).
//
// `pasteText` is self-contained (no imports, no closures) so the same function
// can be sent into the page with page.evaluate and the text built there, rather
// than pushing ~9 MB through the DevTools protocol.

export function pasteText(rows, seed = 1) {
  // mulberry32: tiny, seeded, identical in Node and the browser.
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const header = [];
  for (let i = 1; i <= 22; i++) header.push('E' + i);
  for (let i = 1; i <= 22; i++) header.push('P' + i);
  const lines = [header.join('\t')];
  const cells = new Array(44);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < 44; c++) cells[c] = 1 + Math.floor(next() * 7);
    lines.push(cells.join('\t'));
  }
  return lines.join('\n') + '\n';
}

export const PASTE_ROWS = 100_000;
