// Every page passes the Nu Html Checker (vnu.jar) with 0 errors. vnu refuses
// loopback URLs, so the pages are fetched as the server sends them, saved to
// files, and checked in one Java run. That is cheap, so it takes every
// official pay area page too, not only the crawl's sample (site.js).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { fileName } from '../lib/browser.js';
import { setUp } from '../lib/suite.js';
import { pagesToCheck } from '../lib/site.js';

const require = createRequire(import.meta.url);
const VNU_JAR = require.resolve('vnu-jar/build/dist/vnu.jar');
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../reports/html');

const { browser, servers } = await setUp(['bundled', 'fixture']);

test('every page is valid HTML (Nu Html Checker: 0 errors)', { timeout: 240_000 }, async (t) => {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  assert.equal(java.error, undefined, 'java is needed for vnu.jar: apt-get install default-jre-headless');

  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files = new Map(); // file -> URL
  const context = await browser.newContext();
  for (const [name, server] of Object.entries(servers)) {
    for (const { path: p } of await pagesToCheck(context, server.origin, name, { everyArea: true })) {
      const response = await fetch(server.url(p));
      const file = path.join(OUT, `${name}__${fileName(p)}.html`);
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      files.set(file, `${name} ${p}`);
    }
  }
  await context.close();

  const run = spawnSync(
    'java',
    ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files.keys()],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  let report;
  try {
    report = JSON.parse(run.stderr);
  } catch {
    assert.fail(`vnu did not answer in JSON (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
  }
  const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  const described = errors.map((m) => {
    const file = m.url ? fileURLToPath(m.url) : '?';
    return `${files.get(file) ?? file}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}\n    ${m.extract ?? ''}`;
  });
  t.diagnostic(`vnu checked ${files.size} pages: ${errors.length} errors`);
  assert.deepEqual(described, [], `Nu Html Checker errors in ${OUT}`);
  assert.equal(run.status, 0, `vnu exited ${run.status}`);
});
