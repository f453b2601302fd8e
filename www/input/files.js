// Opening a file (button or drop): what kind it is, reading it, and for text
// files the text shown in the box. Workbooks (XLSX, XLS, ODS) go through the
// workbook reader, loaded only now (core/workbook-client.js); text files go to the
// engine as bytes, which detects the encoding (docs/inputs.md), and the box
// shows them decoded by the browser's TextDecoder with the encoding the engine
// chose — or the one the user picks.

// Imported on first use: the first page load fetches nothing of the workbook reader.
const workbook = () => import('../core/workbook-client.js');

/** The engine's browser limit (src/input/mod.rs BROWSER_MAX_BYTES). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * A UTF-8 text file from this size on is read as a stream, on every core, even
 * when it could be held: four times as fast for 100 MB (bench/README.md), a
 * tenth of the memory, and the same report. Other encodings are held and
 * decoded by the engine; a layout the stream does not read (long, a summary
 * table) is held after all (`holdable`, core/worker.js).
 */
export const STREAM_FROM = 32 * 1024 * 1024;

/** Whether these first bytes of a file are UTF-8 text (no NUL, as a UTF-16 file has). */
function utf8Text(head) {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Encodings the user can choose (WHATWG labels, as TextDecoder and the engine take them). */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5', 'shift_jis', 'windows-1252'];

const WORKBOOK_EXT = /\.(xlsx|xlsm|xls|ods)$/i;

/** 'xlsx' | 'xls' | 'ods' | null, from the first bytes (and the name, for zips). */
export function workbookFormat(bytes, name = '') {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (ole) return 'xls'; // also a password-protected XLSX: the reader says so
  if (zip) {
    if (/\.ods$/i.test(name)) return 'ods';
    if (WORKBOOK_EXT.test(name)) return 'xlsx';
    // A zip by another name: let the reader decide (it names what it finds).
    return 'xlsx';
  }
  return null;
}

/** A workbook's rows as tab-separated text (for the box and for keeping it across visits). */
export function rowsToText(rows) {
  return rows.map((r) => r.map((c) => String(c ?? '').replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
}

/**
 * Decode bytes for display with the platform's TextDecoder. `mixed`: files that
 * are UTF-8 up to some line and GB18030 after (two exports pasted together) are
 * decoded line by line, as the engine does.
 */
export function decodeText(bytes, label, mixed = false) {
  try {
    if (!mixed) return new TextDecoder(label || 'utf-8').decode(bytes);
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    const gb = new TextDecoder('gb18030');
    let out = '';
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        const line = bytes.subarray(start, Math.min(i + 1, bytes.length));
        try {
          out += utf8.decode(line);
        } catch {
          out += gb.decode(line);
        }
        start = i + 1;
      }
    }
    return out.replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/**
 * Read a File into an input for the page:
 *   {kind: 'file', name, bytes}                       text (the engine decodes)
 *   {kind: 'stream', name, file, size, holdable}      text over MAX_FILE_BYTES, or UTF-8
 *                                                     from STREAM_FROM (holdable): read as
 *                                                     a stream by the worker (docs/scale.md)
 *   {kind: 'workbook', name, bytes, format, sheets, sheet, rows}
 * or throws an Error with {code, text: {en, zh}} (too large, unreadable, workbook errors).
 */
export async function readFile(file) {
  if (file.size > MAX_FILE_BYTES) {
    // Text too large to hold is read as a stream; a workbook has to be held whole.
    const head = new Uint8Array(await file.slice(0, 8).arrayBuffer().catch(() => new ArrayBuffer(0)));
    if (!workbookFormat(head, file.name)) return { kind: 'stream', name: file.name, file, size: file.size, big: true };
    const mb = Math.round(file.size / (1024 * 1024));
    throw Object.assign(new Error('file_too_large'), {
      code: 'file_too_large',
      text: {
        en: `The workbook is ${mb} MB; the browser can open workbooks up to ${MAX_FILE_BYTES / (1024 * 1024)} MB. Save the sheet as CSV (any size is read), or use the gapscope command-line tool.`,
        zh: `该工作簿大小为 ${mb} MB；浏览器中最多可打开 ${MAX_FILE_BYTES / (1024 * 1024)} MB 的工作簿。请将工作表另存为 CSV（任何大小均可读取），或使用 gapscope 命令行工具。`,
      },
    });
  }
  if (file.size >= STREAM_FROM) {
    const head = new Uint8Array(await file.slice(0, 1 << 20).arrayBuffer().catch(() => new ArrayBuffer(0)));
    if (!workbookFormat(head, file.name) && utf8Text(head)) return { kind: 'stream', name: file.name, file, size: file.size, big: true, holdable: true };
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    throw Object.assign(new Error('file_unreadable'), {
      code: 'file_unreadable',
      text: {
        en: `The file could not be read: ${err?.message ?? err}`,
        zh: `无法读取该文件：${err?.message ?? err}`,
      },
    });
  }
  const format = workbookFormat(bytes, file.name);
  if (!format) return { kind: 'file', name: file.name, bytes };
  const wb = await (await workbook()).openWorkbook(bytes);
  return { kind: 'workbook', name: file.name, bytes, format, sheets: wb.sheets, sheet: wb.sheet, rows: wb.rows, warnings: wb.warnings ?? [] };
}

/** The same workbook input with another sheet. */
export async function switchSheet(input, sheet) {
  const s = await (await workbook()).readSheet(input.bytes, sheet);
  return { ...input, sheet: s.sheet, rows: s.rows, warnings: s.warnings ?? [] };
}
