// Screenshots for people to look at: home, a comparison and the official
// pay pages at 375 and 1280 px, light and dark, full page, into
// tests/e2e/screenshots/ (not committed). A role's pay by area lists ~560
// areas: stacked on a phone that is some 275,000 px of page, so its
// pictures stop after the first ROLE_PAY_HEIGHT px (the national figures,
// the chart and the first states). `npm run screenshot:docs` makes the one
// in docs/.

import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { MATRIX } from '../lib/browser.js';
import { setUp } from '../lib/suite.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');
const COMPARE = '/compare/aws-engineer-vs-aws-architect';
const PAGES = {
  home: '/',
  compare: COMPARE,
  pay: `${COMPARE}/pay`,
  'pay-california': `${COMPARE}/pay/california`,
  'pay-san-francisco': `${COMPARE}/pay/san-francisco-oakland-fremont-ca`,
  'role-pay': '/roles/aws-engineer/pay',
};
const ROLE_PAY_HEIGHT = 8_000;

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
        const clip = page_name === 'role-pay'
          ? { x: 0, y: 0, width: viewport.width, height: ROLE_PAY_HEIGHT }
          : undefined;
        await page.screenshot({ path: file, fullPage: true, clip });
        assert.ok(statSync(file).size > 10_000, `${file} has a picture`);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
}
