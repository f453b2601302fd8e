// Helpers for the browser tests of the input side (files, workbooks, encodings,
// data quality, templates). Not a test file itself.

import path from 'node:path';
import { REPO } from './harness.mjs';
import { currentRun, waitForRun } from './page-helpers.mjs';

export const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'inputs');
export const fixture = (name) => path.join(FIXTURES, name);

/** Open a fixture through the file input, as a user would; resolves to the page status. */
export async function openFixture(page, name, timeout = 60_000) {
  const before = await currentRun(page);
  await page.setInputFiles('#file-input', fixture(name));
  return waitForRun(page, before, timeout);
}

/** Open a file made in the test ({name, mimeType, buffer}) through the file input. */
export async function openBuffer(page, file) {
  await page.setInputFiles('#file-input', file);
}

/** The report the page shows (window.gapscope.report), reduced to what tests check. */
export async function shown(page) {
  return page.evaluate(() => {
    const r = window.gapscope.report;
    if (!r) return null;
    return {
      total: r.respondents.total,
      analysed: r.respondents.analysed,
      excluded: r.respondents.excluded,
      items: r.items.length,
      dimensions: r.dimensions.length,
      servqual: r.overall.servqual,
      servperf: r.overall.servperf,
      input: r.input,
      labels: r.config.labels ?? [],
      missing: r.config.missing_codes ?? [],
      exclude: r.config.exclude ?? null,
      quality: r.quality,
      counts: r.diagnostics.counts,
    };
  });
}

/** What the "What was read" panel says. */
export async function readPanel(page) {
  return page.evaluate(() => {
    const p = document.querySelector('[data-testid="input-panel"]');
    const attr = (sel, a) => p?.querySelector(sel)?.getAttribute(a) ?? null;
    const sheet = p?.querySelector('#sheet-select');
    return {
      text: p?.textContent ?? '',
      format: p?.querySelector('[data-testid="input-format"]')?.textContent ?? null,
      encoding: attr('[data-testid="encoding"]', 'data-encoding'),
      headerRow: attr('[data-testid="header-row"]', 'data-row'),
      skipped: p?.querySelector('[data-testid="skipped-rows"]')?.textContent ?? null,
      recognised: [...(p?.querySelectorAll('[data-testid="recognised"] li') ?? [])].map((li) => li.dataset.kind),
      sheets: sheet ? [...sheet.options].map((o) => o.value) : null,
      sheet: sheet ? sheet.value : (p?.querySelector('[data-testid="sheet"]')?.textContent ?? null),
    };
  });
}

/** Wait until the page lists a message with this code; resolves to its text. */
export async function messageWith(page, code, timeout = 30_000) {
  await page.waitForSelector(`#messages:not([hidden]) .message[data-code="${code}"]`, { timeout });
  return page.textContent(`#messages .message[data-code="${code}"] .message-body`);
}

/** Run `action` and wait for the analysis it starts. */
export async function rerun(page, action, timeout = 60_000) {
  const before = await currentRun(page);
  await action();
  return waitForRun(page, before, timeout);
}
