// The workbook reader (crates/workbook, www/pkg/workbook/) in its own worker:
// created only when a workbook is opened or written, so the first page load
// never fetches it, and a large sheet is read off the main thread.
//
// Messages in: {id, op: 'open', bytes, sheet?} | {id, op: 'read', bytes, sheet}
//              | {id, op: 'write', sheets: [{name, rows}]}
// Messages out: {id, result} | {id, error: {code, en, zh}, fatal}

import init, { sheets, readSheet, writeXlsx } from './pkg/workbook/gapscope_workbook.js';

const ready = init();

function run(msg) {
  switch (msg.op) {
    case 'open': {
      const names = sheets(msg.bytes);
      // Without a name the module picks the sheet holding the most numbers.
      const sheet = readSheet(msg.bytes, msg.sheet ?? undefined);
      return { sheets: names, sheet: sheet.name, rows: sheet.rows };
    }
    case 'read': {
      const sheet = readSheet(msg.bytes, msg.sheet);
      return { sheet: sheet.name, rows: sheet.rows };
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
    // The module throws Error objects with code, en and zh; a panic inside the
    // reader traps (RuntimeError), which leaves this instance unusable.
    const fatal = err instanceof WebAssembly.RuntimeError;
    const code = err?.code ?? (fatal ? 'workbook_corrupt' : 'workbook_failed');
    self.postMessage({
      id: msg.id,
      fatal,
      error: { code, en: err?.en ?? String(err?.message ?? err), zh: err?.zh ?? String(err?.message ?? err) },
    });
  }
};
