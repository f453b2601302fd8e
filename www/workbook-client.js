// The page's side of workbook-worker.js: started on first use, replaced after a
// trap. Every call resolves with the worker's result or rejects with an Error
// carrying {code, text: {en, zh}} for the message list.

let worker = null;
let nextId = 1;
const pending = new Map();

class WorkbookError extends Error {
  constructor({ code, en, zh }) {
    super(en);
    this.code = code;
    this.text = { en, zh };
  }
}

function fail(err) {
  for (const { reject } of pending.values()) reject(err);
  pending.clear();
  worker?.terminate();
  worker = null;
}

function start() {
  worker = new Worker(new URL('workbook-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => {
    const { id, result, error, fatal } = e.data;
    const job = pending.get(id);
    pending.delete(id);
    if (fatal) {
      // A trapped reader keeps no usable state: the next call starts afresh.
      worker?.terminate();
      worker = null;
    }
    if (!job) return;
    if (error) job.reject(new WorkbookError(error));
    else job.resolve(result);
  };
  worker.onerror = (e) => {
    e.preventDefault?.();
    fail(
      new WorkbookError({
        code: 'workbook_module_failed',
        en: 'The workbook reader could not be started in this browser.',
        zh: '此浏览器无法启动工作簿读取模块。',
      }),
    );
  };
}

function call(msg, transfer = []) {
  if (!worker) start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...msg, id }, transfer);
  });
}

/** Sheet names, the chosen (or most numeric) sheet and its rows. */
export function openWorkbook(bytes, sheet) {
  return call({ op: 'open', bytes, sheet });
}

/** The rows of one sheet. */
export function readSheet(bytes, sheet) {
  return call({ op: 'read', bytes, sheet });
}

/** XLSX bytes of [{name, rows: string[][]}]. */
export function writeXlsx(sheets) {
  return call({ op: 'write', sheets });
}

/** Whether the reader has been loaded (tests check the first load does not). */
export function workbookStarted() {
  return worker !== null;
}
