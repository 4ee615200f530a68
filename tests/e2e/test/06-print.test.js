// Print: with print media emulated, a comparison keeps its roles' columns
// side by side (two, and three in the made-up content), tables stay tables
// (the official pay pages' too) and the navigation (site menu, table of
// contents, role bar, skip link, forms such as the area picker) is hidden.
// The suite also saves the comparison and its official pay as PDF.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { setUp } from '../lib/suite.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');
const COMPARE = '/compare/aws-engineer-vs-aws-architect';

const THREE = '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper';

const {
  browser,
  servers: { bundled: server, fixture },
} = await setUp(['bundled', 'fixture']);

const WIDTHS = { phone: 375, paper: 794, desktop: 1280 };

/** Opens `path` with print media at the given width. */
async function printed(context, path, site = server) {
  const page = await context.newPage();
  await page.emulateMedia({ media: 'print' });
  await page.goto(site.url(path), { waitUntil: 'load' });
  return page;
}

/** Navigation-like things still shown on paper (should be none). */
function visibleNavigation(page) {
  return page.evaluate(() => [...document.querySelectorAll('nav, .role-bar, .skip-link, form')]
    .filter((el) => el.checkVisibility())
    .map((el) => el.outerHTML.slice(0, 80)));
}

/** Groups of role columns that are not side by side. */
function stackedColumns(page, roles) {
  return page.evaluate((roleCount) => {
    const problems = [];
    // Every group of role columns except the role bar's (navigation, hidden
    // on paper and checked above).
    const groups = [...document.querySelectorAll('main .cols')].filter((g) => !g.closest('.role-bar'));
    const tables = [...document.querySelectorAll('main table')];
    if (groups.length + tables.length === 0) problems.push('no role columns at all');
    for (const group of groups) {
      const cols = [...group.children].filter((el) => el.checkVisibility());
      const expected = Number(/cols-(\d)/.exec(group.className)?.[1] ?? 1);
      const where = group.closest('[id]')?.id ?? group.className;
      if (cols.length !== expected) {
        problems.push(`${where}: ${cols.length} of ${expected} columns shown`);
        continue;
      }
      for (let i = 1; i < cols.length; i += 1) {
        const a = cols[i - 1].getBoundingClientRect();
        const b = cols[i].getBoundingClientRect();
        if (Math.abs(a.top - b.top) > 2 || b.left < a.right - 1) {
          problems.push(`${where}: column ${i + 1} is not beside column ${i}`);
        }
      }
    }
    // Tables stay tables on paper: every role column present.
    for (const table of tables) {
      const heads = [...table.querySelectorAll('thead th')];
      const shown = heads.filter((th) => th.checkVisibility() && getComputedStyle(th).display === 'table-cell');
      if (shown.length !== heads.length || heads.length === 0) {
        problems.push(`${table.className}: the header row is not shown as a table`);
      }
      const shownRoles = heads.filter((th) => /\brole-\d\b/.test(th.className));
      if (table.matches('.ladder, .day') && shownRoles.length !== roleCount) {
        problems.push(`${table.className}: ${shownRoles.length} of ${roleCount} role columns`);
      }
    }
    return problems;
  }, roles);
}

for (const [name, width] of Object.entries(WIDTHS)) {
  describe(`print from a ${width}px window (${name})`, () => {
    const contextPromise = browser.newContext({ viewport: { width, height: 1000 } });

    const PAGES = [
      COMPARE, `${COMPARE}/day-in-the-life`, '/roles/aws-engineer', '/salaries', '/',
      `${COMPARE}/pay`, `${COMPARE}/pay/california`, '/roles/aws-engineer/pay',
    ];
    for (const path of PAGES) {
      test(`${path}: navigation hidden`, async () => {
        const page = await printed(await contextPromise, path);
        try {
          assert.deepEqual(await visibleNavigation(page), []);
          assert.ok((await page.locator('main h1').innerText()).length > 0, 'the page title prints');
        } finally {
          await page.close();
        }
      });
    }

    const sideBySide = [
      [server, COMPARE, 2],
      [server, `${COMPARE}/day-in-the-life`, 2],
      [fixture, THREE, 3],
      [server, `${COMPARE}/pay`, 2],
      [server, `${COMPARE}/pay/california`, 2],
      [server, '/roles/aws-engineer/pay', 1],
    ];
    for (const [site, path, roles] of sideBySide) {
      test(`${path}: all ${roles} roles' columns kept side by side`, async () => {
        const page = await printed(await contextPromise, path, site);
        try {
          assert.deepEqual(await stackedColumns(page, roles), []);
          const cards = await page.locator('.role-cards > li').evaluateAll((els) => els.map((el) => {
            const r = el.getBoundingClientRect();
            return { top: r.top, left: r.left, right: r.right, shown: el.checkVisibility() };
          }));
          if (cards.length > 0) {
            assert.equal(cards.length, roles);
            assert.ok(cards.every((c) => c.shown), 'every role card prints');
            for (let i = 1; i < cards.length; i += 1) {
              assert.ok(Math.abs(cards[i - 1].top - cards[i].top) <= 2 && cards[i].left >= cards[i - 1].right - 1, 'role cards side by side');
            }
          }
        } finally {
          await page.close();
        }
      });
    }
  });
}

for (const [name, pagePath] of [['compare', COMPARE], ['pay', `${COMPARE}/pay`]]) {
  test(`${pagePath} prints to a PDF`, async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(server.url(pagePath), { waitUntil: 'load' });
      const pdf = await page.pdf({ path: path.join(SCREENSHOTS, `${name}-print.pdf`), format: 'A4' });
      assert.ok(pdf.length > 10_000, 'a PDF with content');
    } finally {
      await context.close();
    }
  });
}
