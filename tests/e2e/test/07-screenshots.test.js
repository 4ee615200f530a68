// Screenshots for people to look at: home and a comparison at 375 and
// 1280 px, light and dark, full page, into tests/e2e/screenshots/ (not
// committed). `npm run screenshot:docs` makes the one in docs/.

import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { MATRIX } from '../lib/browser.js';
import { setUp } from '../lib/suite.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');
const PAGES = { home: '/', compare: '/compare/aws-engineer-vs-aws-architect' };

const {
  browser,
  servers: { bundled: server },
} = await setUp(['bundled']);

mkdirSync(SCREENSHOTS, { recursive: true });

for (const { name, viewport, colorScheme } of MATRIX) {
  test(`screenshots: ${name}`, async () => {
    const context = await browser.newContext({ viewport, colorScheme });
    try {
      for (const [page_name, url] of Object.entries(PAGES)) {
        const page = await context.newPage();
        await page.goto(server.url(url), { waitUntil: 'load' });
        const file = path.join(SCREENSHOTS, `${page_name}-${viewport.width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(statSync(file).size > 10_000, `${file} has a picture`);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
}
