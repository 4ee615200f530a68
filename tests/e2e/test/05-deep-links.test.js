// Deep links: opening a page at `#section` shows that section's heading in
// view and not under the sticky role bar, at phone and desktop widths; row
// anchors too; every heading's self-link points at its own id.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VIEWPORTS } from '../lib/browser.js';
import { setUp } from '../lib/suite.js';
import { crawl, extraPages, pathOf } from '../lib/site.js';

const SECTIONS = ['overview', 'responsibilities', 'skills', 'day-to-day', 'career-path', 'job-market', 'salaries'];
const COMPARE = '/compare/aws-engineer-vs-aws-architect';

const {
  browser,
  servers: { bundled: server },
} = await setUp(['bundled']);

/**
 * Where the target of the URL's fragment sits: its box (the heading's, for
 * a section), the viewport height, and the lowest bottom edge of anything
 * stuck to the top of the viewport (sticky or fixed).
 */
function measure(page, id) {
  return page.evaluate((targetId) => {
    const target = document.getElementById(targetId);
    if (!target) return null;
    const heading = target.matches('section') ? target.querySelector('h2') : target;
    const box = heading.getBoundingClientRect();
    let covered = 0;
    for (const el of document.querySelectorAll('body *')) {
      const style = getComputedStyle(el);
      if (style.position !== 'sticky' && style.position !== 'fixed') continue;
      if (style.top === 'auto') continue; // sticky sideways only (the day table's time column)
      const r = el.getBoundingClientRect();
      if (r.height > 0 && r.top <= 1 && r.bottom > 0) covered = Math.max(covered, r.bottom);
    }
    return {
      top: box.top, bottom: box.bottom, viewport: window.innerHeight, covered, scrollY: window.scrollY,
    };
  }, id);
}

async function openAt(context, path, id) {
  const page = await context.newPage();
  await page.goto(server.url(`${path}#${id}`), { waitUntil: 'load' });
  // The browser scrolls to the fragment once the page is laid out.
  await page.waitForFunction(
    (targetId) => {
      const el = document.getElementById(targetId);
      return el && el.getBoundingClientRect().top < window.innerHeight;
    },
    id,
    { timeout: 5_000 },
  );
  return page;
}

function assertInView(where, m) {
  assert.ok(m, `${where}: the id exists`);
  assert.ok(m.top >= m.covered - 0.5, `${where}: top at ${m.top.toFixed(1)}px is under the sticky bar (bottom ${m.covered.toFixed(1)}px)`);
  assert.ok(m.bottom <= m.viewport, `${where}: bottom at ${m.bottom.toFixed(1)}px is below the viewport (${m.viewport}px)`);
}

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  describe(`${name} deep links`, () => {
    const contextPromise = browser.newContext({ viewport });

    test(`${COMPARE}#salaries shows the salaries heading below the sticky bar`, async () => {
      const page = await openAt(await contextPromise, COMPARE, 'salaries');
      try {
        const m = await measure(page, 'salaries');
        assertInView('#salaries', m);
        assert.ok(m.covered > 0, 'the role bar is stuck to the top');
        assert.ok(m.scrollY > 0, 'the page scrolled');
        const heading = page.locator('#salaries').getByRole('heading', { level: 2, name: 'Salaries', exact: true });
        assert.equal(await heading.count(), 1, 'the section is headed "Salaries"');
      } finally {
        await page.close();
      }
    });

    const anchors = [
      ...SECTIONS.map((id) => [COMPARE, id]),
      [COMPARE, 'key-differences'],
      [COMPARE, 'how-to-choose'],
      [COMPARE, 'salaries-senior'],
      [COMPARE, 'career-path-2'],
      ['/compare/aws-architect-vs-aws-engineer', 'job-market'],
      ['/roles/aws-engineer', 'skills'],
      ['/roles/aws-architect', 'salaries-mid'],
      [`${COMPARE}/day-in-the-life`, 'share-of-day'],
      ['/salaries', 'chart'],
      [`${COMPARE}/pay`, 'states'],
      [`${COMPARE}/pay`, 'area'],
      [`${COMPARE}/pay/california`, 'figures'],
      [`${COMPARE}/pay/mississippi`, 'pay-note-mississippi-8'],
      ['/roles/aws-engineer/pay', 'areas'],
      ['/roles/aws-engineer/pay', 'area-california'],
      ['/roles/aws-engineer/pay', 'areas-texas'],
      [`${COMPARE}/pay`, 'map'],
      ['/roles/aws-engineer/pay', 'notes'],
    ];
    test('every section and row anchor opens in view, not under the bar', async () => {
      const context = await contextPromise;
      const failures = [];
      for (const [path, id] of anchors) {
        const page = await openAt(context, path, id);
        try {
          assertInView(`${path}#${id}`, await measure(page, id));
        } catch (error) {
          failures.push(error.message);
        } finally {
          await page.close();
        }
      }
      assert.deepEqual(failures, []);
    });

    test('following a self-link keeps its heading in view', async () => {
      const page = await (await contextPromise).newPage();
      try {
        await page.goto(server.url(COMPARE), { waitUntil: 'load' });
        await page.locator('#career-path a.self-link').click();
        await page.waitForFunction(() => window.location.hash === '#career-path');
        await page.waitForFunction(() => document.querySelector('#career-path h2').getBoundingClientRect().top < 400);
        assertInView('self-link to #career-path', await measure(page, 'career-path'));
      } finally {
        await page.close();
      }
    });
  });
}

describe('self-links', () => {
  test('every heading links to its own id', async (t) => {
    const context = await browser.newContext();
    const extras = await extraPages(context, server.origin, 'bundled');
    const { pages } = await crawl(context, server.origin, ['/', ...extras.map((e) => e.path)]);
    await context.close();
    const problems = [];
    let count = 0;
    for (const [url, page] of pages) {
      const path = pathOf(url);
      if (/^\/(compare|roles)\/[^/?]+$/.test(path) && page.ids.has('overview')) {
        for (const id of SECTIONS) {
          if (!page.selfLinkedSections.includes(id)) problems.push(`${path}: #${id} has no self-linked heading`);
        }
      }
      for (const { href, own, text } of page.selfLinks) {
        count += 1;
        if (href !== `#${own}`) problems.push(`${path}: heading "${text}" links to ${href}, its id is ${own}`);
      }
    }
    t.diagnostic(`${count} heading self-links on ${pages.size} pages`);
    assert.ok(count > 0);
    assert.deepEqual(problems, []);
  });
});
