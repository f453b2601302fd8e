// The page's side of workbook-worker.js: started on first use, replaced after a
// trap or a failed load. Every call resolves with the worker's result or rejects
// with an Error carrying {code, text: {en, zh}} for the message list: the
// reader's own message about the file, or (a trap, out of memory, the module
// not loaded) what errors.js says about it — never the raw "unreachable".

import { bothLanguages } from './errors.js';

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

/** The worker's error as a WorkbookError: the reader's own text, or ours for a failure of the reader. */
function workbookError(error, fatal) {
  if (typeof error?.en === 'string' && typeof error?.zh === 'string') return new WorkbookError(error);
  return new WorkbookError(bothLanguages({ name: error?.name, message: error?.message, fatal }, 'workbook'));
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
    if (error) job.reject(workbookError(error, fatal));
    else job.resolve(result);
  };
  // The worker script or its module could not be loaded (offline, blocked):
  // the next call tries again with a new worker.
  worker.onerror = (e) => {
    e.preventDefault?.();
    fail(workbookError({ name: 'TypeError', message: 'module_failed' }, false));
  };
}

function call(msg, transfer = []) {
  if (!worker) start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    try {
      worker.postMessage({ ...msg, id }, transfer);
    } catch (err) {
      // Not clonable (rows nested or too large to copy): this call fails alone.
      pending.delete(id);
      reject(workbookError({ name: err?.name, message: err?.message }, false));
    }
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
