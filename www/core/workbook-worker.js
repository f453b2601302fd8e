// The workbook reader (crates/workbook, www/pkg/workbook/) in its own worker:
// created only when a workbook is opened or written, so the first page load
// never fetches it, and a large sheet is read off the main thread.
//
// Messages in: {id, op: 'open', bytes, sheet?} | {id, op: 'read', bytes, sheet}
//              | {id, op: 'write', sheets: [{name, rows}]}
// Messages out: {id, result} | {id, error: {code, en, zh} | {name, message}, fatal}
//   {code, en, zh}: the reader's own message about the file (encrypted, corrupt …);
//   {name, message}: anything else (a trap, out of memory, the module not loaded),
//   which the page words itself (errors.js). fatal: this worker must be replaced.

import init, { sheets, readSheet, writeXlsx } from '../pkg/workbook/gapscope_workbook.js';

let loaded = false;
const ready = init().then(() => {
  loaded = true;
});

function run(msg) {
  switch (msg.op) {
    case 'open': {
      const names = sheets(msg.bytes);
      // Without a name the module picks the sheet holding the most numbers.
      const sheet = readSheet(msg.bytes, msg.sheet ?? undefined);
      return { sheets: names, sheet: sheet.name, rows: sheet.rows, warnings: sheet.warnings ?? [] };
    }
    case 'read': {
      const sheet = readSheet(msg.bytes, msg.sheet);
      return { sheet: sheet.name, rows: sheet.rows, warnings: sheet.warnings ?? [] };
    }
    case 'write':
      return writeXlsx(msg.sheets);
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    await ready;
    const result = run(msg);
    self.postMessage({ id: msg.id, result }, result instanceof Uint8Array ? [result.buffer] : []);
  } catch (err) {
    // The module throws Error objects with code, en and zh. A panic inside the
    // reader traps (RuntimeError), and a RangeError thrown through it (stack,
    // memory) leaves its stack pointer behind: this instance is unusable. A
    // module that did not load stays unloaded: the page starts another worker.
    const fatal = err instanceof WebAssembly.RuntimeError || err instanceof RangeError || !loaded;
    const own = typeof err?.code === 'string' && typeof err?.en === 'string' && typeof err?.zh === 'string';
    self.postMessage({
      id: msg.id,
      fatal,
      error: own ? { code: err.code, en: err.en, zh: err.zh } : { name: String(err?.name ?? 'Error'), message: String(err?.message ?? err) },
    });
  }
};
