// What a reader sees, measured in Chromium: the level-by-level table looks
// like the other tables; every chart fits a 320 px screen without a
// sideways scroll and with readable labels; the day view draws time to
// scale and every block's text fits; the header's navigation stays on one
// line on a phone; and a role keeps one colour on every page, never shared
// with another role on the same page.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NARROW, VIEWPORTS } from '../lib/browser.js';
import { setUp } from '../lib/suite.js';

const {
  browser,
  servers: { bundled, fixture },
} = await setUp(['bundled', 'fixture']);

const PAIR = '/compare/aws-engineer-vs-aws-architect';
const WIDE = VIEWPORTS.desktop;
const PHONE = VIEWPORTS.phone;

/** Opens `path` on `server` at `viewport`, runs `fn(page)`, closes. */
async function onPage(server, path, viewport, fn, colorScheme = 'light') {
  const context = await browser.newContext({ viewport, colorScheme });
  try {
    const page = await context.newPage();
    const response = await page.goto(server.url(path), { waitUntil: 'load' });
    assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
    return await fn(page);
  } finally {
    await context.close();
  }
}

describe('the level-by-level table is styled like the salary table', () => {
  for (const path of [PAIR, '/roles/aws-engineer']) {
    test(`${path} at 1280 px`, () => onPage(bundled, path, WIDE, async (page) => {
      const m = await page.evaluate(() => {
        const style = (selector) => {
          const el = document.querySelector(selector);
          return el && getComputedStyle(el);
        };
        const levels = style('table.levels tbody td');
        const salaries = style('table.salaries:not(.levels) tbody td');
        const caption = document.querySelector('table.levels caption').getBoundingClientRect();
        const note = document.querySelector('#levels .table-note').getBoundingClientRect();
        return {
          padding: ['paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft'].map((p) => parseFloat(levels[p])),
          headAlign: style('table.levels thead th').textAlign,
          salaryHeadAlign: style('table.salaries:not(.levels) thead th').textAlign,
          rowBorder: parseFloat(style('table.levels tbody tr').borderBottomWidth),
          salaryRowBorder: parseFloat(style('table.salaries:not(.levels) tbody tr').borderBottomWidth),
          roleHead: style('table.levels thead th[class*="role-"]').backgroundColor,
          salaryRoleHead: style('table.salaries:not(.levels) thead th[class*="role-"]').backgroundColor,
          fontSize: parseFloat(levels.fontSize),
          salaryFontSize: parseFloat(salaries.fontSize),
          captionGap: caption.top - note.bottom,
        };
      });
      for (const p of m.padding) assert.ok(p >= 6, `cell padding ${m.padding.join(' ')} px`);
      assert.equal(m.headAlign, m.salaryHeadAlign, 'headers aligned as in the salary table');
      assert.match(m.headAlign, /^(left|start)$/);
      assert.ok(m.rowBorder >= 1, 'rows are ruled');
      assert.equal(m.rowBorder, m.salaryRowBorder);
      assert.equal(m.roleHead, m.salaryRoleHead, 'role headers tinted in the role colour');
      assert.equal(m.fontSize, m.salaryFontSize);
      assert.ok(m.captionGap >= 8, `the caption sits ${m.captionGap}px under the note`);
    }));
  }
});

/** Pages drawing charts, on each site. */
const CHART_PAGES = [
  [bundled, PAIR],
  [bundled, '/salaries'],
  [bundled, `${PAIR}/salaries`],
  [bundled, '/roles/aws-engineer'],
  [bundled, `${PAIR}/day-in-the-life`],
  [bundled, `${PAIR}/pay`],
  [bundled, '/roles/aws-engineer/pay'],
  [fixture, '/salaries'],
  [fixture, '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper'],
  [fixture, '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/day-in-the-life'],
];

describe('every chart is readable at 320 px without scrolling', () => {
  for (const [server, path] of CHART_PAGES) {
    test(`${server === bundled ? 'bundled' : 'fixture'} ${path}`, () => onPage(server, path, NARROW, async (page) => {
      const charts = await page.evaluate((width) => [...document.querySelectorAll('figure.chart')].map((figure) => {
        const shown = [...figure.querySelectorAll('svg')].filter((svg) => svg.getBoundingClientRect().width > 0);
        const svg = shown[0];
        const box = svg?.getBoundingClientRect();
        const scale = svg ? box.width / svg.viewBox.baseVal.width : 0;
        const outside = svg ? [...svg.querySelectorAll('rect, polygon, text')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
          })
          .slice(0, 4)
          .map((el) => `${el.tagName} ${el.textContent.trim() || el.getAttribute('class') || ''} at ${Math.round(el.getBoundingClientRect().left)}–${Math.round(el.getBoundingClientRect().right)}px`) : [];
        const smallest = svg ? Math.min(...[...svg.querySelectorAll('text')]
          .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)) : 0;
        return {
          id: figure.querySelector('title')?.textContent,
          shown: shown.length,
          width: box?.width,
          right: box?.right,
          scrolls: figure.scrollWidth - figure.clientWidth,
          outside,
          smallest,
        };
      }), NARROW.width);
      assert.ok(charts.length > 0, `${path} draws a chart`);
      for (const chart of charts) {
        assert.equal(chart.shown, 1, `${chart.id}: one drawing shown`);
        assert.ok(chart.width <= NARROW.width && chart.right <= NARROW.width, `${chart.id}: ${chart.width}px wide, ends at ${chart.right}px`);
        assert.ok(chart.scrolls <= 0, `${chart.id}: its box scrolls ${chart.scrolls}px sideways`);
        assert.deepEqual(chart.outside, [], `${chart.id}: drawn outside the screen`);
        assert.ok(chart.smallest >= 11.5, `${chart.id}: labels as small as ${chart.smallest.toFixed(1)}px`);
      }
    }));
  }
});

describe('the day view draws time to scale and fits every block\'s text', () => {
  const days = [
    [bundled, `${PAIR}/day-in-the-life`],
    [fixture, '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper/day-in-the-life'],
  ];
  for (const [server, path] of days) {
    for (const viewport of [NARROW, PHONE, WIDE]) {
      test(`${path} at ${viewport.width} px`, () => onPage(server, path, viewport, async (page) => {
        const blocks = await page.$$eval('td.block', (cells) => cells.map((td) => {
          const [start, end] = td.querySelector('.block-time').textContent.split(' ')[0].split('–')
            .map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
          const box = td.getBoundingClientRect();
          const style = getComputedStyle(td);
          const inner = box.bottom - parseFloat(style.paddingBottom) - parseFloat(style.borderBottomWidth);
          const sticking = [...td.querySelectorAll('*')]
            .filter((el) => el.getBoundingClientRect().bottom > inner + 0.5
              || el.getBoundingClientRect().right > box.right + 0.5
              || el.scrollWidth > el.clientWidth + 0.5 && getComputedStyle(el).display !== 'inline')
            .map((el) => el.className);
          return {
            name: td.querySelector('.block-activity').textContent,
            role: td.dataset.role,
            minutes: end - start,
            height: box.height,
            overflows: td.scrollHeight > td.clientHeight || sticking.length > 0,
            sticking,
          };
        }));
        assert.ok(blocks.length > 0);
        const long = blocks.find((b) => b.minutes === 90);
        const short = blocks.find((b) => b.minutes === 30 && b.role === long.role);
        if (long && short) {
          const ratio = long.height / short.height;
          assert.ok(Math.abs(ratio - 3) <= 0.1, `a 90-minute block is ${ratio.toFixed(2)}× a 30-minute one (${long.height}px, ${short.height}px)`);
        }
        const perMinute = blocks.map((b) => b.height / b.minutes);
        const low = Math.min(...perMinute);
        for (const b of blocks) {
          assert.ok(Math.abs(b.height - low * b.minutes) <= 2 + 0.02 * b.height,
            `${b.role}, ${b.name}: ${b.height}px for ${b.minutes} min, not ${(low * b.minutes).toFixed(1)}px`);
          assert.ok(!b.overflows, `${b.role}, ${b.name}: text sticks out (${b.sticking.join(', ')})`);
        }
      }));
    }
  }
});

describe('the header navigation stays on one line on a phone', () => {
  for (const viewport of [PHONE, NARROW]) {
    for (const path of ['/', PAIR]) {
      test(`${path} at ${viewport.width} px`, () => onPage(bundled, path, viewport, async (page) => {
        const items = await page.$$eval('.site-header nav li a', (links) => links.map((a) => {
          const r = a.getBoundingClientRect();
          return { text: a.textContent, top: r.top, right: r.right, height: r.height, size: parseFloat(getComputedStyle(a).fontSize) };
        }));
        assert.ok(items.length >= 4, 'the questionnaire is linked too');
        for (const item of items) {
          assert.ok(Math.abs(item.top - items[0].top) <= 1, `"${item.text}" on another line (${item.top} vs ${items[0].top})`);
          assert.ok(item.right <= viewport.width, `"${item.text}" ends at ${item.right}px`);
          assert.ok(item.size >= 14, `"${item.text}" at ${item.size}px`);
          assert.ok(item.height < item.size * 3, `"${item.text}" wraps inside (${item.height}px high)`);
        }
      }));
    }
  }
});

/** Each role's colour on a page: the role header cells of its tables and
 * its name in the all-salaries table, by role title. */
function roleColours(page) {
  return page.evaluate(() => {
    const found = {};
    const add = (title, colour, where) => {
      (found[title] ??= new Set()).add(colour);
      found[`${title} @`] = where;
    };
    // A role's name, without the official occupation its figures are of
    // (" · Computer Network Architects (15-1241)").
    const role = (text) => text.trim().split(' · ')[0];
    for (const th of document.querySelectorAll('thead th[class*="role-"], .role-bar-name, .col-head')) {
      add(role(th.firstChild.textContent), getComputedStyle(th).color, th.className);
    }
    for (const a of document.querySelectorAll('table.all-salaries tbody th[class*="role-"] a')) {
      add(a.textContent.trim(), getComputedStyle(a).color, 'all-salaries');
    }
    for (const li of document.querySelectorAll('li.score')) {
      add(li.querySelector('.score-role').textContent.trim(), getComputedStyle(li.querySelector('.score-fill')).fill, 'score');
    }
    const swatches = {};
    for (const text of document.querySelectorAll('.chart-legend text')) {
      const swatch = text.previousElementSibling;
      if (swatch?.matches('.swatch') && swatch.getBoundingClientRect().width > 0) swatches[role(text.textContent)] = getComputedStyle(swatch).fill;
    }
    return {
      colours: Object.fromEntries(Object.entries(found).filter(([k]) => !k.endsWith(' @')).map(([k, v]) => [k, [...v]])),
      swatches,
    };
  });
}

describe('a role keeps one colour on every page', () => {
  const sites = [
    ['bundled', bundled, [PAIR, '/compare/aws-architect-vs-aws-engineer', `${PAIR}/day-in-the-life`, `${PAIR}/pay`, '/roles/aws-engineer', '/roles/aws-architect', `${PAIR}/salaries`]],
    ['fixture', fixture, [
      '/compare/harbour-pilot-vs-lighthouse-keeper',
      '/compare/lighthouse-keeper-vs-harbour-pilot',
      '/compare/ferry-captain-vs-harbour-pilot',
      '/compare/ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper',
      '/compare/lighthouse-keeper-vs-ferry-captain-vs-harbour-pilot/day-in-the-life',
      '/roles/lighthouse-keeper',
    ]],
  ];
  for (const [name, server, paths] of sites) {
    for (const scheme of ['light', 'dark']) {
      test(`${name}, ${scheme}: as on /salaries`, async () => {
        const reference = await onPage(server, '/salaries', WIDE, roleColours, scheme);
        const titles = Object.keys(reference.colours);
        assert.ok(titles.length >= 2, `/salaries names the roles: ${titles}`);
        for (const path of paths) {
          const seen = await onPage(server, path, WIDE, roleColours, scheme);
          const onPage_ = Object.entries(seen.colours);
          assert.ok(onPage_.length >= 1, `${path} colours its roles`);
          for (const [title, colours] of onPage_) {
            assert.equal(colours.length, 1, `${title} has one colour on ${path}: ${colours}`);
            assert.deepEqual(colours, reference.colours[title], `${title} on ${path} is ${colours}, on /salaries ${reference.colours[title]}`);
            if (seen.swatches[title] && reference.swatches[title]) {
              assert.equal(seen.swatches[title], reference.swatches[title], `${title}'s chart colour on ${path}`);
            }
          }
          const all = onPage_.map(([, c]) => c[0]);
          assert.equal(new Set(all).size, all.length, `two roles share a colour on ${path}: ${JSON.stringify(seen.colours)}`);
        }
      });
    }
  }
});
