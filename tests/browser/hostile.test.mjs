// The hostile-input corpus (tests/hostile/, issue 8) in the page: a
// representative third of it — the files marked "browser" in the manifest and
// every third case besides, except those that need CLI options — opened
// through the file input as a user would (a survey.json first, through
// "Load survey.json…", when the case has one). Each must end in results or a
// message in the page language: no uncaught error, no trap reaching the user as
// "unreachable", no hang (10 s); and what the manifest expects of the report
// (codes, numbers) must hold for the report the page shows.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO } from './harness.mjs';
import { setup, openReady, currentRun, waitForRun, near } from './page-helpers.mjs';

const DIR = path.join(REPO, 'tests', 'hostile');
const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8'));
const chosen = manifest.cases.filter((c, i) => !c.args && (c.browser || i % 3 === 0));

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

test(`a third of the hostile corpus in the page (${chosen.length} of ${manifest.cases.length} files)`, { timeout: 900_000 }, async () => {
  assert.ok(chosen.length * 3 >= manifest.cases.length - 3, `${chosen.length} chosen`);
  const failures = [];
  let slowest = [0, ''];
  for (const c of chosen) {
    const w = await openReady(env, '/', { contextOptions: { locale: c.file.length % 2 ? 'zh-CN' : 'en-US' } });
    const problems = [];
    try {
      if (c.config) {
        const before = await currentRun(w.page);
        await w.page.setInputFiles('#config-input', path.join(DIR, 'corpus', c.config));
        await waitForRun(w.page, before, 20_000).catch(() => {});
      }
      const t0 = Date.now();
      const before = await currentRun(w.page);
      await w.page.setInputFiles('#file-input', path.join(DIR, 'corpus', c.file));
      // A new analysis, or (a workbook that cannot be read, a file over a
      // limit) a message about the file while the earlier results stay.
      const outcome = await w.page
        .waitForFunction(
          (b) => {
            const run = Number(document.body.dataset.run ?? 0);
            if (run > b && document.body.dataset.status !== 'busy') return 'analysed';
            const m = document.querySelector('.message[data-code^="workbook_"], .message[data-code^="sheet_"], .message[data-code="file_too_large"]');
            return m ? 'refused' : false;
          },
          before,
          { timeout: 10_000, polling: 50 },
        )
        .then((h) => h.jsonValue())
        .catch(() => 'timeout');
      const status = await w.page.evaluate(() => document.body.dataset.status);
      const ms = Date.now() - t0;
      if (ms > slowest[0]) slowest = [ms, c.file];
      if (outcome === 'timeout') problems.push(`no result nor message within 10 s (status ${status})`);
      const seen = await w.page.evaluate(() => ({
        report: window.gapscope.report,
        messages: document.querySelector('#messages')?.textContent ?? '',
        results: Boolean(document.querySelector('.overview')),
      }));
      if (/unreachable|RuntimeError|Maximum call stack/.test(seen.messages)) problems.push(`raw error shown: ${seen.messages.slice(0, 200)}`);
      if (!seen.results && !seen.messages.trim()) problems.push(`neither results nor a message (status ${status})`);
      const e = c.expect;
      const r = seen.report;
      const cliRefused = e.exit?.length === 1 && e.exit[0] === 2;
      if (outcome === 'refused' && !(e.exit ?? []).includes(1)) problems.push('refused, but the CLI analyses it');
      if (r && !cliRefused && outcome === 'analysed' && status === 'ready') {
        const have = Object.keys(r.diagnostics?.counts ?? {});
        for (const code of e.codes ?? []) if (!have.includes(code)) problems.push(`no ${code} (have ${have.join(', ')})`);
        for (const code of e.absent ?? []) if (have.includes(code)) problems.push(`unexpected ${code}`);
        if (e.respondents != null && r.respondents.total !== e.respondents) problems.push(`${r.respondents.total} respondents, expected ${e.respondents}`);
        for (const k of ['servqual', 'servperf']) {
          if (e[k] != null && !near(r.overall[k], e[k])) problems.push(`${k} ${r.overall[k]}, expected ${e[k]}`);
        }
        if (e.scale_max != null && r.config.scale.max !== e.scale_max) problems.push(`scale max ${r.config.scale.max}`);
      }
      problems.push(...w.problems());
    } catch (err) {
      problems.push(String(err?.message ?? err).slice(0, 300));
    } finally {
      await w.close?.();
    }
    if (problems.length) failures.push(`${c.file}: ${problems.join('; ')}`);
  }
  console.log(`hostile corpus in the page: ${chosen.length} files, ${failures.length} failed, slowest ${slowest[1]} (${slowest[0]} ms)`);
  assert.deepEqual(failures, []);
});
