// Moving from one role to another, /compare/{a}-vs-{b}/transition, in
// Chromium: both directions of the bundled pair render every section at
// 320 and 1280 px without sideways scrolling or console errors; the
// comparison's "On this page" list leads there; the link preview's card
// is a 1200×630 PNG; the made-up roles show what cannot be compared; and a
// move between three roles is a 400 page.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { NARROW, VIEWPORTS, horizontalOverflow, watchPage } from '../lib/browser.js';
import { setUp } from '../lib/suite.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');
const FORWARD = '/compare/aws-engineer-vs-aws-architect/transition';
const BACKWARD = '/compare/aws-architect-vs-aws-engineer/transition';
const SECTIONS = ['new-work', 'new-skills', 'pay-step', 'days', 'paths-meet', 'unknowns'];

const {
  browser,
  servers: { bundled: server, fixture },
} = await setUp(['bundled', 'fixture']);

/** "+$20,000 (+25.0%)", "−$5,000" as a number; null for "n/a" and such. */
function dollars(text) {
  const clean = text.trim().split(/\s+/)[0].replace(/[−–]/g, '-').replace(/[$,+]/g, '');
  return /^-?\d+$/.test(clean) ? Number(clean) : null;
}

/** Opens `url` at `viewport`, checks it answered `status`; closes after `check`. */
async function withPage(url, viewport, status, check) {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    const watch = watchPage(page);
    const response = await page.goto(url, { waitUntil: 'load' });
    assert.equal(response.status(), status, `${url} answered ${response.status()}`);
    await check(page);
    assert.deepEqual(watch.problems, [], 'no console errors or failed requests');
  } finally {
    await context.close();
  }
}

describe('the bundled pair, each way', () => {
  for (const [route, from, to] of [
    [FORWARD, 'AWS Engineer', 'AWS Architect'],
    [BACKWARD, 'AWS Architect', 'AWS Engineer'],
  ]) {
    for (const [name, viewport] of [['320 px', NARROW], ['1280 px', VIEWPORTS.desktop]]) {
      test(`${route} at ${name}: every section shows, nothing scrolls sideways`, async () => {
        await withPage(server.url(route), viewport, 200, async (page) => {
          assert.equal(await page.locator('main h1').innerText(), `Moving from ${from} to ${to}`);
          for (const id of SECTIONS) {
            const section = page.locator(`section#${id}`);
            assert.ok(await section.isVisible(), `#${id} is shown`);
            const box = await section.boundingBox();
            assert.ok(box.width > 0 && box.height > 0, `#${id} has a size`);
            assert.ok(box.x >= 0 && box.x + box.width <= viewport.width + 0.5, `#${id} fits the width`);
          }
          const { overflow, culprits } = await horizontalOverflow(page);
          assert.equal(overflow, 0, `scrolls sideways by ${overflow}px: ${culprits.join(', ')}`);
          // Content: new items, the pay steps, the hours, the meeting point.
          assert.ok(await page.locator('#new-work-responsibilities + dl dt').count() > 0);
          const steps = await page.locator('#pay-step table:not(.official) tbody td.diff').allInnerTexts();
          assert.equal(steps.length, 6, 'a low-end and a high-end step per level');
          for (const step of steps) assert.equal(Math.abs(dollars(step)), 20_000, step);
          const median = await page.locator('#pay-step .official tbody tr', { hasText: 'Median' })
            .locator('td').allInnerTexts();
          assert.equal(dollars(median[2]), dollars(median[1]) - dollars(median[0]), 'the official difference');
          const hours = await page.locator('#days table.shares tfoot td').allInnerTexts();
          assert.deepEqual(hours.map((h) => h.trim()), ['7.5 h', '7.5 h', '0 h']);
          assert.match(await page.locator('#paths-meet li').first().innerText(), /^Cloud Engineer: stage 1/);
          mkdirSync(SCREENSHOTS, { recursive: true });
          await page.screenshot({
            path: path.join(SCREENSHOTS, `transition-${route === FORWARD ? 'forward' : 'backward'}-${viewport.width}.png`),
            fullPage: true,
          });
        });
      });
    }
  }

  test('the comparison\'s "On this page" list leads to the move, and the move back to it', async () => {
    await withPage(server.url('/compare/aws-engineer-vs-aws-architect'), VIEWPORTS.desktop, 200, async (page) => {
      const link = page.locator('nav.toc a', { hasText: 'Moving from AWS Engineer to AWS Architect' });
      await Promise.all([page.waitForURL(server.url(FORWARD), { waitUntil: 'load' }), link.click()]);
      await Promise.all([
        page.waitForURL(server.url(BACKWARD), { waitUntil: 'load' }),
        page.locator('.view-tools a', { hasText: 'The other way' }).click(),
      ]);
      assert.equal(await page.locator('main h1').innerText(), 'Moving from AWS Architect to AWS Engineer');
    });
  });

  test('the link preview names the page and its card is a 1200×630 PNG', async () => {
    await withPage(server.url(FORWARD), VIEWPORTS.desktop, 200, async (page) => {
      const image = await page.locator('meta[property="og:image"]').getAttribute('content');
      assert.match(image, /\/cards\/compare\/aws-engineer-vs-aws-architect\/transition\.png$/);
      const size = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = new URL(new URL(src).pathname, location.origin).href;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      }, image);
      assert.deepEqual(size, [1200, 630]);
      const description = await page.locator('meta[name="description"]').getAttribute('content');
      assert.ok(description.length < 160, description);
    });
  });
});

describe('the made-up roles', () => {
  for (const [name, viewport] of [['320 px', NARROW], ['1280 px', VIEWPORTS.desktop]]) {
    test(`different units and no schedule, at ${name}: said plainly, nothing scrolls sideways`, async () => {
      await withPage(fixture.url('/compare/ferry-captain-vs-harbour-pilot/transition'), viewport, 200, async (page) => {
        for (const id of SECTIONS) assert.ok(await page.locator(`section#${id}`).isVisible(), `#${id}`);
        assert.equal(await page.locator('#pay-step table').count(), 0);
        assert.match(await page.locator('#pay-step p').first().innerText(), /different units/);
        assert.equal(await page.locator('#days table').count(), 0);
        const { overflow, culprits } = await horizontalOverflow(page);
        assert.equal(overflow, 0, `scrolls sideways by ${overflow}px: ${culprits.join(', ')}`);
      });
    });
  }

  test('a move between three roles is a 400 page offering their comparison', async () => {
    const route = '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/transition';
    await withPage(fixture.url(route), NARROW, 400, async (page) => {
      assert.equal(await page.locator('main h1').innerText(), 'A move is between two roles');
      const links = await page.locator('.error-page .pair-links a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
      assert.deepEqual(links, [
        '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper',
        '/compare/ferry-captain-vs-harbour-pilot/transition',
      ]);
      const { overflow } = await horizontalOverflow(page);
      assert.equal(overflow, 0);
    });
  });
});
