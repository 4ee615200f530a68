// Official pay by state, as a reader meets it in Chromium: the pay pages' height on a phone; the map of the states
// (every state a link named by its figures, hatched where there is none);
// the occupation named in every official heading, phone card and chart
// legend; a footnote mark on every figure BLS did not publish as a number;
// the medians of the occupations each role's choice weighed; no sideways
// scroll at 320 and 1280 px, no table scrolling inside itself at 1280 px;
// charts of one unit on one axis, with a median mark at least 4 px wide.
// On the bundled content and on the three-role fixture with BLS's figures
// for two of its roles (one top-coded in Alabama, withheld in California).

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { NARROW, VIEWPORTS, horizontalOverflow, watchPage } from '../lib/browser.js';
import { REPO, startServer } from '../lib/server.js';
import { setUp } from '../lib/suite.js';

const PAIR = '/compare/aws-engineer-vs-aws-architect';
const PAY = `${PAIR}/pay`;
const ROLE_PAYS = ['/roles/aws-engineer/pay', '/roles/aws-architect/pay'];
const FIXTURE_PAY = '/compare/ferry-captain-vs-harbour-pilot/pay';

/**
 * The three-role fixture with BLS's figures (tests/fixtures/official-pay)
 * for the ferry captain (53-5021) and the harbour pilot (29-1214), as the
 * Rust suite's `fixture_with_pay` makes it.
 */
function fixtureWithPay() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rolecompare-pay-'));
  cpSync(path.join(REPO, 'tests/fixtures/three-roles'), dir, { recursive: true });
  cpSync(path.join(REPO, 'tests/fixtures/official-pay'), dir, { recursive: true });
  for (const [slug, soc, note] of [
    ['harbour-pilot', '29-1214', 'A stand-in occupation for the test.'],
    ['ferry-captain', '53-5021', 'Captains are counted with mates and pilots.'],
  ]) {
    const file = path.join(dir, 'roles', `${slug}.md`);
    const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(file, 'utf8'));
    writeFileSync(file, `---\n${front}\noccupation:\n  soc: "${soc}"\n  note: ${note}\n---\n${body}`);
  }
  return dir;
}

const {
  browser,
  servers: { bundled },
} = await setUp(['bundled']);
const fixtureDir = fixtureWithPay();
const fixture = await startServer({ content: fixtureDir });
after(async () => {
  await fixture.stop();
  rmSync(fixtureDir, { recursive: true, force: true });
});

/** Opens `pagePath` on `server` at `viewport`, runs `fn(page)`, closes. */
async function onPage(server, pagePath, viewport, fn, colorScheme = 'light') {
  const context = await browser.newContext({ viewport, colorScheme });
  try {
    const page = await context.newPage();
    const watch = watchPage(page);
    const response = await page.goto(server.url(pagePath), { waitUntil: 'load' });
    assert.equal(response.status(), 200, `${pagePath} answered ${response.status()}`);
    const result = await fn(page);
    assert.deepEqual(watch.problems, [], `${pagePath}: console errors or failed requests`);
    return result;
  } finally {
    await context.close();
  }
}

/** The page's height in CSS pixels. */
const height = (page) => page.evaluate(() => document.documentElement.scrollHeight);

describe('the pay pages fit a phone', () => {
  test(`${PAY} is at most 4,000 px tall at 375 px, with its map and every state`, () => onPage(bundled, PAY, VIEWPORTS.phone, async (page) => {
    const tall = await height(page);
    assert.ok(tall <= 4000, `${PAY} is ${tall}px tall at 375 px`);
    assert.ok(await page.locator('svg.us-map-svg').isVisible(), 'the map is drawn');
    assert.equal(await page.locator('#states table tbody tr').count(), 53);
    // A table, not a stack of cards: each state is one row of four cells
    // side by side, and the sort links are in view.
    const rows = await page.locator('#states table tbody tr').evaluateAll((trs) => trs.map((tr) => {
      const cells = [...tr.children].map((c) => c.getBoundingClientRect());
      return cells.every((c) => Math.abs(c.top - cells[0].top) < 1) && cells.length === 4;
    }));
    assert.ok(rows.every(Boolean), 'every state is one row of cells side by side');
    const sortLinks = page.locator('#states thead a.sort-link');
    assert.equal(await sortLinks.count(), 4);
    for (const link of await sortLinks.all()) assert.ok(await link.isVisible(), 'a sort link is hidden on a phone');
  }));

  for (const rolePay of ROLE_PAYS) {
    test(`${rolePay} is at most 8,000 px tall at 375 px: states first, other areas grouped by state`, () => onPage(bundled, rolePay, VIEWPORTS.phone, async (page) => {
      const tall = await height(page);
      assert.ok(tall <= 8000, `${rolePay} is ${tall}px tall at 375 px`);
      const order = await page.evaluate(() => [...document.querySelectorAll('main section[id]')].map((s) => s.id));
      assert.ok(order.indexOf('states') < order.indexOf('areas'), `states come first: ${order}`);
      // Every metropolitan and nonmetropolitan area is under a state, and
      // each state's areas open under its name.
      const groups = page.locator('#areas details.area-group');
      assert.ok(await groups.count() >= 50);
      const texas = page.locator('#areas-texas');
      await texas.locator('summary').click();
      assert.ok(await texas.locator('tbody tr').first().isVisible(), 'a state\'s areas open under its name');
      const names = await texas.locator('tbody th').allInnerTexts();
      assert.ok(names.length > 5 && names.every((n) => /TX|Texas/.test(n)), names.join('; '));
    }));
  }
});

/** The map's links: href, accessible name, `<title>`, shape classes. */
function mapLinks(page) {
  return page.locator('svg.us-map-svg a').evaluateAll((links) => links.map((a) => ({
    href: a.getAttribute('href'),
    title: a.querySelector('title')?.textContent ?? '',
    hatched: a.querySelector('.map-shape')?.classList.contains('no-figure') ?? false,
    drawn: a.querySelector('.map-shape')?.getBoundingClientRect().width > 0,
  })));
}

describe('the map of the states', () => {
  test(`${PAY}: every state, DC and the territories are links to their pages, named by their figures`, () => onPage(bundled, PAY, VIEWPORTS.desktop, async (page) => {
    const links = await mapLinks(page);
    assert.equal(links.length, 53, '50 states, DC, Puerto Rico and Guam');
    const rows = await page.locator('#states tbody th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links.map((l) => l.href).sort(), rows.sort(), 'one link per state of the table, to the same page');
    for (const link of links) {
      assert.ok(link.drawn, `${link.href} is drawn`);
      assert.match(link.title, /^[A-Z][A-Za-z ]+: AWS Engineer/, link.title);
    }
    // Each link's accessible name is its title: the state and its figures.
    const alabama = page.getByRole('link', {
      name: 'Alabama: AWS Engineer median $81,400; AWS Architect median $130,810; difference +$49,410',
    });
    assert.equal(await alabama.count(), 1);
    // Guam, where BLS published no figures for the architects, is
    // hatched and says so; the others are shaded.
    assert.deepEqual(links.filter((l) => l.hatched).map((l) => l.title), ['Guam: AWS Engineer median $59,820; AWS Architect: no figures published; no difference']);
    // Following a state leads to its page.
    await Promise.all([page.waitForURL(`**${PAY}/alabama`), alabama.click()]);
    assert.match(await page.locator('h1').innerText(), /^Official pay in Alabama/);
  }));

  for (const rolePay of ROLE_PAYS) {
    test(`${rolePay}: each state links to its row on the page`, () => onPage(bundled, rolePay, VIEWPORTS.desktop, async (page) => {
      const links = await mapLinks(page);
      assert.ok(links.length >= 52, `${links.length} states`);
      for (const link of links) {
        assert.match(link.href, /^#area-[a-z-]+$/, link.href);
        const row = page.locator(`tr${link.href}`);
        assert.equal(await row.count(), 1, `${link.href} is a row`);
        const state = await row.locator('th').innerText();
        assert.ok(link.title.startsWith(`${state}: median `), `${link.title} names ${state}`);
      }
      await page.getByRole('link', { name: /^California: median \$/ }).click();
      assert.equal(new URL(page.url()).hash, '#area-california');
      const target = await page.locator('#area-california').boundingBox();
      assert.ok(target.y >= 0 && target.y < VIEWPORTS.desktop.height, 'the row is in view');
    }));
  }

  test('the fixture: states without figures are hatched and say so', () => onPage(fixture, FIXTURE_PAY, VIEWPORTS.desktop, async (page) => {
    const links = await mapLinks(page);
    // Alabama (the pilots' median top-coded) and California (withheld)
    // link to their pages; both are hatched.
    assert.deepEqual(links.map((l) => l.href).sort(), [`${FIXTURE_PAY}/alabama`, `${FIXTURE_PAY}/california`]);
    assert.ok(links.every((l) => l.hatched), 'no difference to shade');
    assert.match(links.find((l) => l.href.endsWith('alabama')).title, /Harbour Pilot median: \$239,200 or more; no difference/);
    // The 49 states without any figure are drawn hatched, titled, unlinked.
    const blanks = await page.locator('svg.us-map-svg g.map-blank').evaluateAll((gs) => gs.map((g) => ({
      title: g.querySelector('title').textContent,
      hatched: g.querySelector('path').classList.contains('no-figure'),
    })));
    assert.equal(blanks.length, 49);
    assert.ok(blanks.every((b) => b.hatched && / no figures published$/.test(b.title)), JSON.stringify(blanks[0]));
    assert.match(await page.locator('.map-none').innerText(), /Hatched: no figure published \(51 on this map\)/);
  }));

  for (const [width, scheme] of [[320, 'light'], [320, 'dark'], [1280, 'dark']]) {
    test(`${PAY} at ${width} px, ${scheme}: the map fits, its shades differ from the page and the hatching shows`, () => onPage(bundled, PAY, { width, height: 800 }, async (page) => {
      const box = await page.locator('svg.us-map-svg').boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= width + 0.5, `the map is within the ${width}px screen`);
      assert.ok(box.width >= width * 0.85 || box.width >= 700, `the map is ${box.width}px wide`);
      const fills = await page.evaluate(() => {
        const fill = (sel) => getComputedStyle(document.querySelector(sel)).fill;
        return {
          page: getComputedStyle(document.body).backgroundColor,
          deepest: fill('svg.us-map-svg .shade-5'),
          palest: fill('svg.us-map-svg .shade-1'),
          hatched: fill('svg.us-map-svg .no-figure'),
        };
      });
      assert.notEqual(fills.deepest, fills.palest);
      assert.notEqual(fills.palest, fills.page, 'the palest shade stands out from the page');
      assert.match(fills.hatched, /url\(.*#map-hatch/);
    }, scheme));
  }
});

/** Opens every section's fold, as a reader taps "Show each in full". */
async function openSectionFolds(page) {
  await page.$$eval('details.section-fold', (folds) => folds.forEach((d) => { d.open = true; }));
}

/** Every official table's role headings and every official chart's legend. */
function officialLabels(page) {
  return page.evaluate(() => ({
    headings: [...document.querySelectorAll('table.official thead th[class*="role-"], #states table.state-medians thead th[class*="role-"]')]
      .map((th) => th.textContent.replace(/\s+/g, ' ').trim()),
    cards: [...document.querySelectorAll('table.official td[data-role]')].map((td) => td.dataset.role),
    legends: [...document.querySelectorAll('.official-pay figure.chart svg.chart-wide .chart-legend, .official-pay figure.chart svg.chart-narrow .chart-legend')]
      .flatMap((legend) => {
        // An item's lines, joined: a swatch, then its text elements.
        const items = [];
        for (const el of legend.children) {
          if (el.tagName === 'rect') items.push('');
          else items[items.length - 1] = `${items.at(-1)} ${el.textContent}`.trim();
        }
        return items;
      }),
  }));
}

const OCCUPATION = /^(AWS Engineer · Network and Computer Systems Administrators \(15-1244\)|AWS Architect · Computer Network Architects \(15-1241\))$/;
const FIXTURE_OCCUPATION = /^(Ferry Captain · Captains, Mates, and Pilots of Water Vessels \(53-5021\)|Harbour Pilot · Emergency Medicine Physicians \(29-1214\))$/;

describe('official figures are named for what they are', () => {
  const pages = [
    [bundled, PAIR, OCCUPATION], [bundled, '/roles/aws-engineer', OCCUPATION], [bundled, PAY, OCCUPATION],
    [bundled, `${PAY}/california`, OCCUPATION], ...ROLE_PAYS.map((p) => [bundled, p, OCCUPATION]),
    [fixture, FIXTURE_PAY, FIXTURE_OCCUPATION], [fixture, `${FIXTURE_PAY}/alabama`, FIXTURE_OCCUPATION],
  ];
  for (const [server, pagePath, occupation] of pages) {
    test(`${pagePath}: every official heading, phone card and legend names the occupation and its code`, () => onPage(server, pagePath, VIEWPORTS.phone, async (page) => {
      // On a phone the comparison's and a role's sections fold after their
      // gist: the reader opens the salaries section to read its figures.
      await openSectionFolds(page);
      const { headings, cards, legends } = await officialLabels(page);
      assert.ok(headings.length >= 1 && legends.length >= 1, `${headings.length} headings, ${legends.length} legend items`);
      for (const label of [...headings, ...cards, ...legends]) assert.match(label, occupation);
      // Whom BLS counts, and no one else.
      const said = await page.locator('.official-pay, .lede, #salaries-official + p').allInnerTexts();
      assert.match(said.join(' '), /wage and salary workers \(the self-employed are not included\)/);
      assert.doesNotMatch(said.join(' '), /everyone/);
      // The page's own heading and title name the occupations too (the
      // comparison and role page name them in their official block).
      if (pagePath.includes('/pay')) {
        assert.match(await page.locator('h1').innerText(), /\((15-1244|53-5021|15-1241|29-1214)\)/);
        assert.match(await page.title(), /\((15-1244|53-5021|15-1241|29-1214)\)/);
        assert.match(await page.locator('meta[name="description"]').getAttribute('content'), /\((15-1244|53-5021|15-1241|29-1214)\)/);
      }
    }));
  }
});

/** The cells showing a figure BLS did not publish as a number, each with the text of the notes its marks lead to. */
function unpublishedCells(page) {
  return page.evaluate(() => [...document.querySelectorAll('main td, .official-why li')]
    .filter((cell) => /Not published|or more/.test(cell.textContent))
    .map((cell) => ({
      text: cell.textContent.trim().slice(0, 60),
      notes: [...cell.querySelectorAll('.note-mark a')].map((a) => {
        const note = document.getElementById(a.getAttribute('href').slice(1));
        return note ? note.textContent : null;
      }),
    })));
}

describe('every figure BLS did not publish as a number carries its note', () => {
  const pages = [
    [fixture, [FIXTURE_PAY, `${FIXTURE_PAY}/alabama`, `${FIXTURE_PAY}/california`]],
    [fixture, ['/roles/harbour-pilot/pay']],
    ...ROLE_PAYS.map((p) => [bundled, [p]]),
  ];
  for (const [server, paths] of pages) {
    test(paths.join(', '), async () => {
      for (const pagePath of paths) {
        await onPage(server, pagePath, VIEWPORTS.desktop, async (page) => {
          const cells = await unpublishedCells(page);
          assert.ok(cells.length > 0, `${pagePath} has figures BLS did not publish as a number`);
          for (const { text, notes } of cells) {
            assert.ok(notes.length > 0, `${pagePath}: "${text}" has no note mark`);
            assert.ok(notes.every((n) => n && /^BLS note \d+: /.test(n)), `${pagePath}: "${text}": a mark leads nowhere`);
          }
        });
      }
    });
  }
});

describe('the choice of occupation, shown as a choice', () => {
  for (const pagePath of [PAIR, PAY, ...ROLE_PAYS]) {
    test(`${pagePath}: the medians of the occupations each role's choice weighed`, () => onPage(bundled, pagePath, VIEWPORTS.phone, async (page) => {
      await openSectionFolds(page);
      const lines = await page.locator('.official-why li').allInnerTexts();
      const engineer = lines.find((l) => l.startsWith('AWS Engineer'));
      const architect = lines.find((l) => l.startsWith('AWS Architect'));
      if (engineer) {
        assert.match(engineer, /Network and Computer Systems Administrators \(SOC 15-1244\), median \$99,130\./);
        assert.match(engineer, /Also weighed: Software Developers \(15-1252\), median \$135,980; Computer Occupations, All Other \(15-1299\), median \$116,580\./);
      }
      if (architect) {
        assert.match(architect, /Computer Network Architects \(SOC 15-1241\), median \$134,050\. Also weighed: Computer Occupations, All Other \(15-1299\), median \$116,580\./);
      }
      assert.ok(engineer || architect, lines.join('\n'));
      // Why each was chosen is one tap away.
      const why = page.locator('.official-why details').first();
      await why.locator('summary').click();
      assert.match(await why.locator('p').innerText(), /closest/);
    }));
  }
});

/** Tables of `selector` whose rows are not cells side by side (stacked as cards). */
function stackedRows(page, selector) {
  return page.locator(selector).evaluateAll((tables) => tables
    .filter((t) => t.checkVisibility())
    .flatMap((t) => [...t.querySelectorAll('tbody tr')])
    .filter((tr) => {
      const cells = [...tr.children].filter((c) => c.checkVisibility()).map((c) => c.getBoundingClientRect());
      return cells.some((c) => Math.abs(c.top - cells[0].top) > 1);
    })
    .map((tr) => tr.querySelector('th')?.textContent.trim()));
}

describe('no sideways scroll; the figures stay tables', () => {
  const pages = [PAY, `${PAY}?sort=difference`, `${PAY}/california`, `${PAY}/san-francisco-oakland-fremont-ca`, ...ROLE_PAYS, PAIR, '/roles/aws-architect'];
  for (const pagePath of pages) {
    test(`${pagePath} at 320 and 1280 px, every state's areas open: no page or official table scrolls sideways`, async () => {
      for (const viewport of [NARROW, VIEWPORTS.desktop]) {
        await onPage(bundled, pagePath, viewport, async (page) => {
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
          const { overflow, culprits } = await horizontalOverflow(page);
          assert.ok(overflow <= 0, `${pagePath} scrolls ${overflow}px sideways at ${viewport.width}px: ${culprits.join(', ')}`);
          const scrolling = await page.locator('.official-pay .table-wrap, #states .table-wrap, #areas .table-wrap').evaluateAll((wraps) => wraps
            .filter((w) => w.scrollWidth > w.clientWidth + 1 && w.checkVisibility())
            .map((w) => `${w.querySelector('caption')?.textContent.slice(0, 50)}: ${w.scrollWidth} in ${w.clientWidth}px`));
          assert.deepEqual(scrolling, [], `a table scrolls sideways in its box at ${viewport.width}px`);
          // The official figures and the states stay tables, even at 320
          // px: a figure per role side by side, the sort links in view.
          const stacked = await stackedRows(page, 'table.official, table.state-medians, table.state-figures');
          assert.deepEqual(stacked, [], `rows stacked as cards at ${viewport.width}px`);
        });
      }
    });
  }

  test('at 1280 px, "10th percentile" stays on one line', () => onPage(bundled, PAY, VIEWPORTS.desktop, async (page) => {
    const label = page.locator('table.official tbody th', { hasText: '10th percentile' });
    const lines = await label.evaluate((th) => {
      const range = document.createRange();
      range.selectNodeContents(th);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    assert.equal(lines, 1);
  }));
});

describe('charts on one page share an axis', () => {
  test(`${PAIR}: the article's ranges and the official percentiles on one dollar axis, the median a mark of at least 4 px`, () => onPage(bundled, PAIR, VIEWPORTS.desktop, async (page) => {
    const axes = await page.evaluate(() => [...document.querySelectorAll('#salaries figure.chart svg.chart-wide')].map((svg) => ({
      ticks: [...svg.querySelectorAll('.tick-label')].map((t) => [t.textContent, t.getAttribute('x')]),
    })));
    assert.equal(axes.length, 2, 'the salary chart and the official chart');
    assert.deepEqual(axes[0].ticks, axes[1].ticks, 'the same ticks at the same places');
    const marks = await page.locator('#salaries .official-pay svg.chart-wide .bar rect').evaluateAll((rects) => rects
      .filter((r) => r.closest('.bar').querySelector('title').textContent.includes('— Median:'))
      .map((r) => r.getBoundingClientRect().width));
    assert.equal(marks.length, 2);
    assert.ok(marks.every((w) => w >= 4), `median marks ${marks.join(', ')}px wide`);
  }));
});
