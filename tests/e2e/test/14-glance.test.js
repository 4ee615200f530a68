// The answer first, measured in Chromium: "At a glance" in a comparison's
// first screen on a phone; a comparison a phone can read (about 7,500 px
// at 375 px for the bundled pair, each section folded after its gist and
// opened by a link into it, with JavaScript or without); a differences
// view that is a different, much shorter page; the two days as strips
// that fit one phone screen; no word of the day's grid broken mid-word
// and no duration split at 320 px; one role order on the pages that list
// roles; Share buttons beside their headings; and nothing that scrolls
// sideways at 320 or 1280 px.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NARROW, VIEWPORTS, horizontalOverflow, watchPage } from '../lib/browser.js';
import { setUp } from '../lib/suite.js';

const {
  browser,
  servers: { bundled, fixture },
} = await setUp(['bundled', 'fixture']);

const PAIR = '/compare/aws-engineer-vs-aws-architect';
const FIXTURE_PAIR = '/compare/harbour-pilot-vs-lighthouse-keeper';
const THREE = '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper';
const PHONE = { width: 375, height: 667 };
const WIDE = VIEWPORTS.desktop;
/** The most the bundled comparison may be tall at 375 px. */
const MOST_AT_375 = 7_500;

/** Opens `path` on `server` at `viewport`, runs `fn(page)`, closes. */
async function onPage(server, path, viewport, fn, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  try {
    const page = await context.newPage();
    const watch = watchPage(page);
    const response = await page.goto(server.url(path), { waitUntil: 'load' });
    assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
    const result = await fn(page);
    assert.deepEqual(watch.problems, [], `${path}: no console errors or failed requests`);
    return result;
  } finally {
    await context.close();
  }
}

const height = (page) => page.evaluate(() => document.documentElement.scrollHeight);

/** Asserts `page` does not scroll sideways. */
async function assertNoSidewaysScroll(page, where) {
  const { overflow, culprits } = await horizontalOverflow(page);
  assert.ok(overflow <= 0, `${where} scrolls ${overflow}px sideways: ${culprits.join(', ')}`);
}

/** What the first screen shows: visible elements matching each selector
 * whose top is within the viewport. */
function firstScreen(page, selectors) {
  return page.evaluate((list) => Object.fromEntries(list.map((selector) => [
    selector,
    [...document.querySelectorAll(selector)].some((el) => {
      const box = el.getBoundingClientRect();
      return el.checkVisibility() && box.height > 0 && box.top < window.innerHeight && box.bottom > 0;
    }),
  ])), selectors);
}

describe('at a glance, first on a comparison', () => {
  for (const [name, server, path, parts] of [
    ['bundled', bundled, PAIR, ['.glance-step', '.glance-median']],
    ['fixture', fixture, FIXTURE_PAIR, ['.glance-step']],
  ]) {
    test(`${name} ${path}: the first screen at 375 × 667 holds the glance`, () => onPage(server, path, PHONE, async (page) => {
      const seen = await firstScreen(page, ['#at-a-glance', ...parts, '.role-cards', '#overview']);
      assert.ok(seen['#at-a-glance'], 'the glance starts in the first screen');
      for (const part of parts) assert.ok(seen[part], `${part} is in the first screen`);
      assert.ok(!seen['.role-cards'], 'the role cards come after it');
      // Right under the title: nothing else between them.
      const gap = await page.evaluate(() => document.querySelector('#at-a-glance').getBoundingClientRect().top
        - document.querySelector('main h1').getBoundingClientRect().bottom);
      assert.ok(gap < 60, `the glance starts ${gap}px under the title`);
      // Then the views and "On this page".
      const order = await page.evaluate(() => ['#at-a-glance', '.view-tools', 'nav.toc', '.role-cards']
        .map((s) => document.querySelector(s).getBoundingClientRect().top));
      assert.deepEqual([...order].sort((a, b) => a - b), order, `in page order: ${order}`);
      await assertNoSidewaysScroll(page, `${path} at 375 px`);
    }));
  }

  test('the glance reads side by side at 1280 px, and fits 320 px', async () => {
    await onPage(bundled, PAIR, WIDE, async (page) => {
      const tops = await page.$$eval('#at-a-glance .glance-part:not(.glance-key)', (parts) => parts.map((p) => Math.round(p.getBoundingClientRect().top)));
      assert.equal(new Set(tops).size, 1, `the pay step, the counts and the hours in one row: ${tops}`);
      await assertNoSidewaysScroll(page, `${PAIR} at 1280 px`);
    });
    await onPage(bundled, PAIR, NARROW, async (page) => {
      const sticking = await page.$$eval('#at-a-glance table', (tables) => tables
        .filter((t) => t.getBoundingClientRect().right > t.closest('.glance-part').getBoundingClientRect().right + 0.5)
        .map((t) => t.className));
      assert.deepEqual(sticking, [], 'the glance tables fit their part');
      await assertNoSidewaysScroll(page, `${PAIR} at 320 px`);
    });
  });
});

describe('a comparison a phone can read', () => {
  test(`the bundled comparison is at most ${MOST_AT_375} px tall at 375 px; its differences view at least 40% shorter`, async () => {
    const full = await onPage(bundled, PAIR, PHONE, height);
    const differences = await onPage(bundled, `${PAIR}?view=differences`, PHONE, height);
    assert.ok(full <= MOST_AT_375, `${PAIR} is ${full}px tall at 375 px`);
    assert.ok(differences <= full * 0.6, `the differences view is ${differences}px, the full one ${full}px`);
  });

  test('at 1280 px every section shows in full, as before', () => onPage(bundled, PAIR, WIDE, async (page) => {
    const hidden = await page.$$eval('.section-fold', (folds) => folds
      .flatMap((fold) => [...fold.children].filter((el) => el.tagName !== 'SUMMARY'))
      .filter((el) => !el.checkVisibility())
      .map((el) => el.className || el.tagName));
    assert.deepEqual(hidden, []);
    const toggles = await page.$$eval('.fold-toggle, .fold-gist', (els) => els.filter((el) => el.checkVisibility()).length);
    assert.equal(toggles, 0, 'no toggle or gist on a wide screen');
    assert.ok(await page.locator('#responsibilities-aws-engineer-automation dd').isVisible());
    assert.ok(await page.locator('#key-differences .key-difference p').first().isVisible());
  }));

  for (const [name, server, path, item] of [
    ['bundled', bundled, PAIR, 'responsibilities-aws-engineer-automation'],
    ['fixture', fixture, FIXTURE_PAIR, 'day-to-day-lighthouse-keeper-night-watch'],
  ]) {
    test(`${name}: on a phone each section shows its gist and opens with a tap, with or without JavaScript`, async () => {
      for (const javaScriptEnabled of [true, false]) {
        await onPage(server, path, PHONE, async (page) => {
          const section = page.locator('section#day-to-day');
          assert.ok(await section.locator('.fold-gist').first().isVisible(), 'the gist names the items');
          const detail = section.locator('.items dd').first();
          assert.ok(!(await detail.isVisible()), 'the items\' text waits behind the toggle');
          await section.locator('summary.fold-toggle').click();
          assert.ok(await detail.isVisible(), 'one tap shows it');
        }, { javaScriptEnabled });
      }
      // A link to an item inside a folded section opens the fold and shows it.
      await onPage(server, `${path}#${item}`, PHONE, async (page) => {
        await page.waitForFunction((id) => document.getElementById(id)?.closest('details')?.open, item, { timeout: 5_000 });
        const target = page.locator(`#${item}`);
        assert.ok(await target.locator('dd').isVisible(), `#${item} shows its text`);
        const box = await target.boundingBox();
        assert.ok(box.y >= 0 && box.y < PHONE.height, `#${item} is in view at ${box.y}px`);
      });
    });
  }

  for (const [name, server, path] of [['bundled', bundled, PAIR], ['fixture', fixture, FIXTURE_PAIR], ['fixture', fixture, THREE]]) {
    test(`${name} ${path}?view=differences: another page from its first screen, titles linking into the comparison`, async () => {
      const full = await onPage(server, path, PHONE, (page) => firstScreen(page, ['#at-a-glance', '.only-list a']));
      assert.ok(full['#at-a-glance'] && !full['.only-list a']);
      await onPage(server, `${path}?view=differences`, PHONE, async (page) => {
        const seen = await firstScreen(page, ['#at-a-glance', '.only-list a', '.role-cards']);
        assert.ok(seen['.only-list a'], 'the first screen lists what differs');
        assert.ok(!seen['#at-a-glance'] && !seen['.role-cards'], 'and not what the full page opens with');
        assert.equal(await page.locator('#overview, .items, #day-in-the-life').count(), 0, 'no overview, no full items');
        const heads = await page.locator('#responsibilities .col-head').allInnerTexts();
        assert.ok(heads.length >= 2 && heads.every((h) => h.startsWith('Only ')), `${heads}`);
        await assertNoSidewaysScroll(page, `${path}?view=differences at 375 px`);
        // A title leads to its item on the full comparison, shown.
        const link = page.locator('#responsibilities .only-list a').first();
        const name = await link.innerText();
        await Promise.all([page.waitForURL((url) => url.hash.startsWith('#responsibilities-')), link.click()]);
        const id = new URL(page.url()).hash.slice(1);
        await page.waitForFunction((target) => document.getElementById(target)?.closest('details')?.open, id, { timeout: 5_000 });
        assert.equal(new URL(page.url()).search, '', 'on the full comparison');
        assert.equal((await page.locator(`#${id} dt`).innerText()).trim(), name);
        assert.ok(await page.locator(`#${id} dd`).isVisible());
      });
    });
  }
});

describe('the day at a glance', () => {
  for (const [name, server, path, strips] of [
    ['bundled', bundled, `${PAIR}/day-in-the-life`, 2],
    ['fixture', fixture, `${THREE}/day-in-the-life`, 2],
  ]) {
    for (const viewport of [NARROW, PHONE]) {
      test(`${name} ${path} at ${viewport.width} px: both days as strips within one phone screen`, () => onPage(server, path, viewport, async (page) => {
        const m = await page.evaluate(() => {
          const figure = document.querySelector('figure.day-strips');
          const box = figure.getBoundingClientRect();
          const grid = document.querySelector('#schedule').getBoundingClientRect();
          const swatch = Object.fromEntries([...figure.querySelectorAll('.kind-legend li')]
            .map((li) => [li.textContent.trim(), getComputedStyle(li.querySelector('.kind-swatch')).backgroundColor]));
          const blocks = [...figure.querySelectorAll('.strip-block')].map((g) => ({
            title: g.querySelector('title')?.textContent ?? '',
            fill: getComputedStyle(g.querySelector('rect')).fill,
          }));
          return {
            height: box.height, top: box.top + scrollY, right: box.right, gridTop: grid.top + scrollY,
            lanes: figure.querySelectorAll('.strip-role').length, swatch, blocks,
          };
        });
        assert.ok(m.height <= PHONE.height, `the strips and legend are ${m.height}px tall`);
        assert.ok(m.top < m.gridTop, 'the strips come before the grid');
        assert.ok(m.right <= viewport.width, `the strips end at ${m.right}px`);
        assert.equal(m.lanes, strips, 'a strip per role with a schedule');
        assert.ok(m.blocks.length > 0);
        for (const block of m.blocks) {
          const kind = /\(([^)]+)\)$/.exec(block.title)?.[1];
          assert.ok(kind && m.swatch[kind], `"${block.title}" names a kind the legend shows`);
          assert.equal(block.fill, m.swatch[kind], `"${block.title}" wears its kind's colour`);
        }
        await assertNoSidewaysScroll(page, `${path} at ${viewport.width} px`);
      }));
    }
    test(`${name} ${path} at 1280 px: the strips beside their legend, within the screen, nothing scrolls sideways`, () => onPage(server, path, WIDE, async (page) => {
      const m = await page.evaluate(() => {
        const figure = document.querySelector('figure.day-strips');
        const svg = figure.querySelector('svg').getBoundingClientRect();
        const legend = figure.querySelector('.kind-legend').getBoundingClientRect();
        return { height: figure.getBoundingClientRect().height, svgRight: svg.right, legendLeft: legend.left, legendTop: legend.top, svgBottom: svg.bottom };
      });
      assert.ok(m.height <= WIDE.height, `the strips are ${m.height}px tall`);
      assert.ok(m.legendLeft >= m.svgRight && m.legendTop < m.svgBottom, 'the legend stands beside the strips');
      await assertNoSidewaysScroll(page, `${path} at 1280 px`);
    }));
  }

  for (const [name, server, path] of [
    ['bundled', bundled, `${PAIR}/day-in-the-life`],
    ['fixture', fixture, `${THREE}/day-in-the-life`],
    ['bundled', bundled, PAIR],
  ]) {
    test(`${name} ${path} at 320 px: no word broken mid-word, no duration split`, () => onPage(server, path, NARROW, async (page) => {
      const broken = await page.evaluate(() => {
        const found = [];
        const scope = [...document.querySelectorAll('table.day td, .glance-shift, table.shares')];
        for (const root of scope) {
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/\S+/g)) {
              // Where each character sits; a new line may start only
              // after a hyphen or a dash.
              let last = null;
              for (let i = 0; i < match[0].length; i += 1) {
                const range = document.createRange();
                range.setStart(node, match.index + i);
                range.setEnd(node, match.index + i + 1);
                const rect = [...range.getClientRects()].find((r) => r.width > 0);
                if (!rect) continue;
                if (last !== null && Math.abs(rect.top - last) > 2 && !'-‐–—'.includes(match[0][i - 1])) {
                  found.push(match[0]);
                  break;
                }
                last = rect.top;
              }
            }
          }
        }
        // Durations: "1.5 h" on one line, in the grid's blocks and the tables.
        for (const el of document.querySelectorAll('.block-duration, .glance-shift .figure, table.shares .figure')) {
          const lines = new Set([...el.getClientRects()].map((r) => Math.round(r.top)));
          const range = document.createRange();
          range.selectNodeContents(el);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1 || tops.size > 1) found.push(`duration "${el.textContent}"`);
        }
        // Each block of the grid keeps its duration as one piece.
        const blocks = document.querySelectorAll('td.block').length;
        const kept = document.querySelectorAll('td.block .block-duration').length;
        if (kept !== blocks) found.push(`${blocks - kept} of ${blocks} blocks' durations may break`);
        const durations = document.querySelectorAll('.block-duration, .glance-shift .figure, table.shares .figure').length;
        return { found, durations };
      });
      assert.deepEqual(broken.found, []);
      assert.ok(broken.durations > 0, 'the page shows hours to check');
      assert.ok(await page.locator('html[lang="en"]').count() === 1, 'the page says its language, for hyphenation');
    }));
  }
});

describe('one look across pages', () => {
  const roleOrder = (page, selector) => page.$$eval(selector, (els) => els.map((el) => el.textContent.trim()));

  for (const [name, server, order] of [
    ['bundled', bundled, ['AWS Engineer', 'AWS Architect']],
    ['fixture', fixture, ['Harbour Pilot', 'Lighthouse Keeper', 'Ferry Captain']],
  ]) {
    test(`${name}: home, the pickers and /salaries list roles in one order, curated pairs first`, async () => {
      await onPage(server, '/', WIDE, async (page) => {
        assert.deepEqual(await roleOrder(page, '#roles .card-title'), order);
        const options = await roleOrder(page, '#picker-a option:not([value=""])');
        assert.deepEqual(options, order);
        // The curated card's colour bar: each half in the colour of the
        // role named on its side.
        const bar = await page.$$eval('#curated .card:first-child .pair-bar span', (spans) => spans.map((s) => getComputedStyle(s).backgroundColor));
        const href = await page.locator('#curated .card:first-child .card-title a').getAttribute('href');
        const names = (await page.locator('#curated .card:first-child .card-title').innerText()).split(' vs ');
        const cards = await onPage(server, href, WIDE, (pair) => pair.$$eval('.role-card', (els) => els.map((el) => ({
          title: el.querySelector('.role-card-title').textContent.trim(),
          colour: getComputedStyle(el).borderTopColor,
        }))));
        assert.deepEqual(cards.map((c) => c.title), names);
        const ruled = cards.map((c) => c.colour);
        assert.deepEqual(bar, ruled, 'the bar follows the order of the names');
      });
      await onPage(server, '/salaries', WIDE, async (page) => {
        assert.deepEqual(await roleOrder(page, 'table.all-salaries tbody th'), order);
      });
      for (const viewport of [NARROW, WIDE]) {
        for (const path of ['/', '/salaries']) {
          await onPage(server, path, viewport, (page) => assertNoSidewaysScroll(page, `${path} at ${viewport.width} px`));
        }
      }
    });
  }

  test('bundled: the questionnaire\'s result is headed by the role that fits best, in its colour', async () => {
    const answers = await onPage(bundled, '/fit', WIDE, (page) => page.evaluate(() => {
      const form = document.querySelector('form.fit-form');
      const names = [...new Set([...form.querySelectorAll('input[type="radio"]')].map((i) => i.name))];
      return new URLSearchParams(names.map((n) => [n, form.querySelector(`input[name="${CSS.escape(n)}"]`).value])).toString();
    }));
    for (const viewport of [NARROW, WIDE]) {
      await onPage(bundled, `/fit/result?${answers}`, viewport, async (page) => {
        const m = await page.evaluate(() => {
          const named = document.querySelector('h1 .role-name');
          const first = document.querySelector('li.score');
          return {
            heading: document.querySelector('h1').textContent.trim(),
            best: first.querySelector('.score-role').textContent.trim(),
            named: named?.textContent.trim(),
            colour: named && getComputedStyle(named).color,
            roleColour: getComputedStyle(first.querySelector('.score-role')).color,
            scoreColours: [...document.querySelectorAll('li.score')].map((li) => getComputedStyle(li.querySelector('.score-role')).color),
          };
        });
        assert.equal(m.named, m.best, `"${m.heading}" names the best-scoring role`);
        assert.equal(m.colour, m.roleColour, 'in its colour');
        assert.equal(new Set(m.scoreColours).size, m.scoreColours.length, 'each role in its own colour');
        await assertNoSidewaysScroll(page, `the result at ${viewport.width} px`);
      });
    }
  });

  for (const viewport of [PHONE, NARROW]) {
    test(`the Share buttons stay beside their headings at ${viewport.width} px`, () => onPage(bundled, PAIR, viewport, async (page) => {
      const rows = await page.$$eval('.section-head', (heads) => heads.map((head) => {
        const h2 = head.querySelector('h2').getBoundingClientRect();
        const share = head.querySelector('.share-link')?.getBoundingClientRect();
        return { text: head.querySelector('h2').textContent.trim(), h2, share };
      }));
      assert.ok(rows.length >= 8);
      for (const { text, h2, share } of rows) {
        assert.ok(share, `${text} has a Share button`);
        assert.ok(share.top < h2.bottom && share.bottom > h2.top, `"${text}": Share (top ${share.top}) beside the heading (${h2.top}–${h2.bottom})`);
        assert.ok(share.left >= h2.right - 0.5, `"${text}": Share after the heading`);
        assert.ok(share.right <= viewport.width, `"${text}": Share ends at ${share.right}px`);
      }
    }));
  }

  test('a section\'s share page is headed by the section', () => onPage(bundled, `${PAIR}/skills`, PHONE, async (page) => {
    assert.equal((await page.locator('h1').innerText()).trim(), 'Skills and certifications');
    const seen = await firstScreen(page, ['h1']);
    assert.ok(seen.h1);
    await assertNoSidewaysScroll(page, `${PAIR}/skills at 375 px`);
  }));
});
