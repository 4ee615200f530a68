// Official pay (BLS OEWS) in Chromium: the pair's pay page, its area
// picker (a plain GET form that answers 303 to the area's page) with
// JavaScript on and off, the states table's sort links, phones at 320 px
// (the figures and the states stay tables that fit; a state's areas, once
// opened, stack),
// the "Official figures" block that ends a comparison's and a role's
// salaries, and the pay card. The made-up content has no official figures
// and shows none.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { NARROW, VIEWPORTS, horizontalOverflow, watchPage } from '../lib/browser.js';
import { setUp } from '../lib/suite.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');
const PAIR = 'aws-engineer-vs-aws-architect';
const PAY = `/compare/${PAIR}/pay`;
const AREAS = { california: 'California', 'san-francisco-oakland-fremont-ca': 'San Francisco' };

const {
  browser,
  servers: { bundled: server, fixture },
} = await setUp(['bundled', 'fixture']);

/** "+$78,380", "−$1,200", "$153,390" as a number; null for "n/a" and such. */
function dollars(text) {
  const clean = text.trim().replace(/[−–]/g, '-').replace(/[$,+\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(clean) ? Number(clean) : null;
}

describe('the area picker', () => {
  for (const javaScriptEnabled of [true, false]) {
    for (const [slug, name] of Object.entries(AREAS)) {
      test(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}: choosing ${name} lands on its page`, async () => {
        const context = await browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled });
        try {
          const page = await context.newPage();
          const watch = watchPage(page);
          await page.goto(server.url(PAY), { waitUntil: 'load' });
          const form = page.locator('form.area-picker');
          assert.equal(await form.getAttribute('method'), 'get');
          const select = form.locator('select[name="area"]');
          // The control is labelled (its label names it for screen readers).
          assert.match(await form.locator(`label[for="${await select.getAttribute('id')}"]`).innerText(), /area/i);
          await select.selectOption(slug);
          const target = server.url(`${PAY}/${slug}`);
          const [response] = await Promise.all([
            page.waitForResponse((r) => r.url() === target && r.request().isNavigationRequest()),
            form.locator('button[type="submit"]').click(),
          ]);
          await page.waitForLoadState('load');
          // The form's GET answered 303 to the area's own address.
          const sent = response.request().redirectedFrom();
          assert.ok(sent, 'the form was answered with a redirect');
          assert.equal(new URL(sent.url()).searchParams.get('area'), slug);
          assert.equal((await sent.response()).status(), 303);
          assert.equal(response.status(), 200);
          assert.equal(new URL(page.url()).pathname, `${PAY}/${slug}`);
          assert.match(await page.locator('main h1').innerText(), new RegExp(name));
          assert.match(await page.locator('.official-pay caption').first().innerText(), new RegExp(name));
          // The area page's own picker has the area chosen, by the server.
          const again = page.locator('form.area-picker select[name="area"]');
          assert.equal(await again.inputValue(), slug);
          assert.deepEqual(await again.locator('option[selected]').evaluateAll((os) => os.map((o) => o.value)), [slug]);
          assert.deepEqual(watch.problems, []);
        } finally {
          await context.close();
        }
      });
    }
  }
});

/** The states table's columns, as each cell names its own. */
const ENGINEER_MEDIAN = 'AWS Engineer · Network and Computer Systems Administrators (15-1244)';
const ARCHITECT_MEDIAN = 'AWS Architect · Computer Network Architects (15-1241)';
const DIFFERENCE = 'Difference';

/** The states table's rows: area name and each column's text. */
function statesRows(page) {
  return page.locator('#states table tbody tr').evaluateAll((rows) => rows.map((tr) => ({
    area: tr.querySelector('th').textContent.trim(),
    cells: Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.role, td.textContent])),
  })));
}

/** Numbers in `values` (nulls for "n/a") come highest first, then the n/a. */
function assertDescending(values, what) {
  const known = values.filter((v) => v !== null);
  assert.ok(known.length > 10, `${what}: most states have a figure`);
  const firstUnknown = values.indexOf(null);
  if (firstUnknown >= 0) {
    assert.ok(values.slice(firstUnknown).every((v) => v === null), `${what}: the states without a figure come last`);
  }
  for (let i = 1; i < known.length; i += 1) {
    assert.ok(known[i] <= known[i - 1], `${what}: row ${i + 1} (${known[i]}) is above row ${i} (${known[i - 1]})`);
  }
}

describe('the states table', () => {
  test('sorting by difference: the header link puts the largest difference first', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    try {
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.goto(server.url(PAY), { waitUntil: 'load' });
      const before = await statesRows(page);
      assert.ok(before.length >= 50, `${before.length} states and territories`);
      const header = page.locator('#states').getByRole('columnheader', { name: /^Difference/ });
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('sort') === 'difference', { waitUntil: 'load' }),
        header.locator('a').click(),
      ]);
      assert.equal(new URL(page.url()).hash, '#states', 'the link keeps the table in view');
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
      const after = await statesRows(page);
      assert.deepEqual(after.map((r) => r.area).sort(), before.map((r) => r.area).sort(), 'the same states, reordered');
      assertDescending(after.map((r) => dollars(r.cells.Difference)), 'difference');
      // A difference is the architect's median less the engineer's.
      for (const { area, cells } of after) {
        const [engineer, architect, difference] = [ENGINEER_MEDIAN, ARCHITECT_MEDIAN, DIFFERENCE]
          .map((key) => dollars(cells[key]));
        if (difference !== null) assert.equal(difference, architect - engineer, `${area}: the difference`);
      }
      assert.deepEqual(watch.problems, []);
    } finally {
      await context.close();
    }
  });

  test('?sort=aws-architect puts the highest AWS Architect median first', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    try {
      const page = await context.newPage();
      const response = await page.goto(server.url(`${PAY}?sort=aws-architect`), { waitUntil: 'load' });
      assert.equal(response.status(), 200);
      const header = page.locator('#states').getByRole('columnheader', { name: ARCHITECT_MEDIAN });
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
      assertDescending((await statesRows(page)).map((r) => dollars(r.cells[ARCHITECT_MEDIAN])), 'AWS Architect');
    } finally {
      await context.close();
    }
  });
});

/**
 * Pages at 320 px, and the tables on each that must fit the viewport:
 * the official figures and the states stay tables; a state's areas, once
 * opened, stack as cards.
 */
const NARROW_PAGES = {
  [PAY]: { fit: ['table.official', '#states table'], stack: [] },
  [`${PAY}?sort=difference`]: { fit: ['table.official', '#states table'], stack: [] },
  [`${PAY}/california`]: { fit: ['table.official'], stack: [] },
  '/roles/aws-engineer/pay': { fit: ['table.official', '#states table'], stack: ['#areas-texas table'] },
};

describe('at 320 px the tables fit the screen: the figures as tables, a state\'s areas stacked', () => {
  for (const [pagePath, { fit, stack }] of Object.entries(NARROW_PAGES)) {
    test(pagePath, async () => {
      const context = await browser.newContext({ viewport: NARROW });
      try {
        const page = await context.newPage();
        await page.goto(server.url(pagePath), { waitUntil: 'load' });
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
        for (const selector of [...fit, ...stack]) {
          assert.ok(await page.locator(selector).count() > 0, `${selector} is on ${pagePath}`);
          // Every cell within the viewport: stacked, not pushed off the
          // side or into a sideways scroll of its own. (The chart figure
          // may scroll in its own box; it is no table.)
          const outside = await page.locator(selector).evaluateAll((els, width) => els
            .flatMap((table) => [...table.querySelectorAll('caption, th, td')])
            .filter((cell) => cell.getBoundingClientRect().right > width + 0.5)
            .slice(0, 5)
            .map((cell) => `${cell.tagName.toLowerCase()} "${cell.textContent.trim().slice(0, 30)}" ends at ${Math.round(cell.getBoundingClientRect().right)}px`), NARROW.width);
          assert.deepEqual(outside, [], `${selector} on ${pagePath} sticks out at 320 px`);
        }
        // A table: each row's cells side by side, on one line of cells.
        for (const selector of fit) {
          const stacked = await page.locator(selector).evaluateAll((els) => els
            .flatMap((table) => [...table.querySelectorAll('tbody tr')])
            .filter((tr) => [...tr.children].filter((cell) => cell.checkVisibility())
              .some((cell) => Math.abs(cell.getBoundingClientRect().top - tr.children[0].getBoundingClientRect().top) > 1))
            .map((tr) => tr.querySelector('th')?.textContent.trim())
            .slice(0, 5));
          assert.deepEqual(stacked, [], `${selector} on ${pagePath}: rows stacked as cards`);
        }
        // Stacked: each row a block of cells two by two under the area's
        // name, none squeezed.
        for (const selector of stack) {
          const rows = await page.locator(selector).evaluateAll((els) => els
            .flatMap((table) => [...table.querySelectorAll('tbody tr')])
            .map((tr) => {
              const name = tr.querySelector('th').getBoundingClientRect();
              const cells = [...tr.querySelectorAll('td')].map((td) => td.getBoundingClientRect());
              // Each figure is named as its column's heading names it.
              const headings = [...tr.closest('table').querySelectorAll('thead th')].slice(1).map((th) => th.textContent.trim());
              const labels = [...tr.querySelectorAll('td')].map((td) => getComputedStyle(td, '::before').content.replace(/^"|"$/g, ''));
              return {
                area: tr.querySelector('th').textContent.trim(),
                nameIsFullWidth: name.width >= tr.clientWidth - 1,
                cellsBelow: cells.every((c) => c.top >= name.bottom - 1),
                halves: cells.every((c) => c.width >= tr.clientWidth / 2 - 2),
                labelled: labels.length === headings.length && labels.every((l, i) => l === headings[i]),
              };
            }));
          assert.ok(rows.length > 0, `${selector} on ${pagePath} has areas`);
          for (const row of rows) {
            assert.ok(row.nameIsFullWidth && row.cellsBelow && row.halves && row.labelled, `${selector}: ${JSON.stringify(row)}`);
          }
        }
        const { overflow, culprits } = await horizontalOverflow(page);
        assert.ok(overflow <= 0, `${pagePath} scrolls ${overflow}px sideways at 320px: ${culprits.join(', ')}`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('official figures on the article pages', () => {
  for (const [pagePath, payPath] of [[`/compare/${PAIR}`, PAY], ['/roles/aws-engineer', '/roles/aws-engineer/pay']]) {
    test(`${pagePath}: the salaries end with the official figures and a link to more`, async () => {
      const context = await browser.newContext({ viewport: VIEWPORTS.phone });
      try {
        const page = await context.newPage();
        await page.goto(server.url(pagePath), { waitUntil: 'load' });
        const salaries = page.locator('#salaries');
        // On a phone the section shows its gist and keeps the rest one tap away.
        await salaries.locator('summary.fold-toggle').click();
        const heading = salaries.getByRole('heading', { name: 'Official figures for the United States' });
        assert.equal(await heading.count(), 1, 'the block is headed');
        assert.equal(await salaries.locator('.official-pay table.official').count(), 1);
        assert.ok(await salaries.locator('.official-pay').isVisible());
        // It is the section's last part: its heading is the last one, and
        // the official table comes after it.
        const { lastHeading, tableFollows } = await salaries.evaluate((section) => {
          const last = [...section.querySelectorAll('h3')].at(-1);
          const official = section.querySelector('.official-pay');
          return {
            lastHeading: last?.textContent.trim(),
            tableFollows: Boolean(last && last.compareDocumentPosition(official) & Node.DOCUMENT_POSITION_FOLLOWING),
          };
        });
        assert.equal(lastHeading, 'Official figures for the United States');
        assert.ok(tableFollows, 'the official table follows its heading');
        const links = await salaries.locator('a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
        assert.ok(links.includes(payPath), `${pagePath}#salaries links to ${payPath}`);
      } finally {
        await context.close();
      }
    });
  }

  test('the made-up roles have no official figures and no pay pages', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(fixture.url('/compare/ferry-captain-vs-harbour-pilot'), { waitUntil: 'load' });
      assert.equal(await page.locator('.official-pay').count(), 0);
      const payLinks = await page.locator('a[href*="/pay"]').count();
      assert.equal(payLinks, 0, 'no link to official pay');
      const response = await page.goto(fixture.url('/compare/ferry-captain-vs-harbour-pilot/pay'));
      assert.equal(response.status(), 404);
    } finally {
      await context.close();
    }
  });
});

test('the pay page shares its own card: a 1200×630 PNG', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.url(PAY), { waitUntil: 'load' });
    const image = await page.locator('meta[property="og:image"]').getAttribute('content');
    assert.equal(new URL(image).pathname, `/cards/compare/${PAIR}/pay.png`);
    const response = await page.request.get(server.url(new URL(image).pathname));
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'image/png');
    const png = await response.body();
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630]);
    assert.equal(await page.locator('meta[property="og:image:width"]').getAttribute('content'), '1200');
    assert.equal(await page.locator('meta[property="og:image:height"]').getAttribute('content'), '630');
    assert.ok((await page.locator('meta[property="og:image:alt"]').getAttribute('content')).length > 10);
    // For people to look at, beside the screenshots.
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(path.join(SCREENSHOTS, 'pay-card.png'), png);
  } finally {
    await context.close();
  }
});
