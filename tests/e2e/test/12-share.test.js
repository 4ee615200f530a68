// What a shared link shows, in Chromium: each section's share page
// describes its section in a line a link preview shows whole (previews cut
// at about 160 characters) and has one heading structure, and every kind
// of page previews a card of its own, which loads as a 1200×630 image.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { VIEWPORTS, watchPage } from '../lib/browser.js';
import { setUp } from '../lib/suite.js';

const PAIR = '/compare/aws-engineer-vs-aws-architect';
const SECTIONS = {
  overview: 'Overview',
  responsibilities: 'Responsibilities',
  skills: 'Skills and certifications',
  'day-to-day': 'Day to day',
  'career-path': 'Career path',
  'job-market': 'Job market',
  salaries: 'Salaries',
  levels: 'Level by level',
};
const PREVIEW_CHARS = 160;
/** Where a card's label line (its kind and the site's name) ends. */
const LABEL_LINE = 120;

/** One page of each kind that has a preview, and every share page. */
const PREVIEWED = [
  '/',
  '/roles/aws-engineer',
  '/roles/aws-architect',
  PAIR,
  `${PAIR}/day-in-the-life`,
  `${PAIR}/pay`,
  ...Object.keys(SECTIONS).map((id) => `${PAIR}/${id}`),
];

const {
  browser,
  servers: { bundled: server, fixture },
} = await setUp(['bundled', 'fixture']);
const context = await browser.newContext({ viewport: VIEWPORTS.desktop });

/** Opens `path` and checks it loaded cleanly; the caller closes the page. */
async function open(target, path) {
  const page = await context.newPage();
  const watch = watchPage(page);
  const response = await page.goto(target.url(path), { waitUntil: 'load' });
  assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
  assert.deepEqual(watch.problems, [], `problems on ${path}`);
  return page;
}

/** The page's description, checked to be the same in its Open Graph tag. */
async function description(page, path) {
  const text = await page.locator('meta[name="description"]').getAttribute('content');
  const og = await page.locator('meta[property="og:description"]').getAttribute('content');
  assert.equal(og, text, `${path}: og:description and description differ`);
  return text;
}

describe('share pages describe their section briefly', () => {
  for (const [id, heading] of Object.entries(SECTIONS)) {
    test(`${id}: under ${PREVIEW_CHARS} characters, not the table`, async () => {
      const path = `${PAIR}/${id}`;
      const page = await open(server, path);
      try {
        const text = await description(page, path);
        assert.ok(text.length > 20 && text.length < PREVIEW_CHARS, `${path}: ${text.length} characters: ${text}`);
        const cells = await page.locator(`section#${id} td, section#${id} caption`).allInnerTexts();
        for (const cell of cells.map((c) => c.replace(/\s+/g, ' ').trim()).filter((c) => c.length >= 4)) {
          assert.ok(!text.includes(cell), `${path}: the description repeats ${JSON.stringify(cell)}`);
        }
        assert.doesNotMatch(text, /\$/, `${path}: figures in the description`);
        // The lede under the heading says the same.
        assert.equal((await page.locator('.page-head .lede').innerText()).trim(), text);
        assert.match(await page.title(), new RegExp(`^${heading}: `));
      } finally {
        await page.close();
      }
    });
  }

  test('three and four roles, made-up content: still under the limit', async () => {
    for (const pair of [
      'ferry-captain-vs-harbour-pilot-vs-lighthouse-keeper',
      'harbour-pilot-vs-lighthouse-keeper',
    ]) {
      for (const id of Object.keys(SECTIONS)) {
        const path = `/compare/${pair}/${id}`;
        const page = await open(fixture, path);
        try {
          const text = await description(page, path);
          assert.ok(text.length < PREVIEW_CHARS, `${path}: ${text.length} characters: ${text}`);
        } finally {
          await page.close();
        }
      }
    }
  });
});

describe('share pages have one heading structure', () => {
  for (const [id, heading] of Object.entries(SECTIONS)) {
    test(`${id}: one h1, no level skipped, the section named once`, async () => {
      const path = `${PAIR}/${id}`;
      const page = await open(server, path);
      try {
        const headings = await page.$$eval('main :is(h1, h2, h3, h4, h5, h6)', (els) =>
          els.map((el) => ({ level: Number(el.tagName[1]), text: el.textContent.replace(/\s+/g, ' ').replace(/#$/, '').trim() })),
        );
        assert.equal(await page.locator('h1').count(), 1, `${path}: ${JSON.stringify(headings)}`);
        assert.equal(headings[0]?.level, 1, `${path}: the first heading is the h1`);
        for (let i = 1; i < headings.length; i += 1) {
          assert.ok(
            headings[i].level <= headings[i - 1].level + 1,
            `${path}: ${JSON.stringify(headings[i])} follows ${JSON.stringify(headings[i - 1])}`,
          );
        }
        const naming = headings.filter((h) => h.text.toLowerCase().includes(heading.toLowerCase()));
        assert.equal(naming.length, 1, `${path}: headings naming ${heading}: ${JSON.stringify(naming)}`);
        // What the browser shows: one visible heading with those words.
        assert.ok(await page.locator(`main section#${id} h2`).isVisible());
      } finally {
        await page.close();
      }
    });
  }
});

describe('every kind of page previews a card of its own', () => {
  const seen = new Map();
  for (const path of PREVIEWED) {
    test(`${path}: its og:image loads as a 1200×630 image`, async () => {
      const page = await open(server, path);
      let image;
      try {
        image = new URL(await page.locator('meta[property="og:image"]').getAttribute('content'));
        assert.equal(await page.locator('meta[property="og:image:width"]').getAttribute('content'), '1200');
        assert.equal(await page.locator('meta[property="og:image:height"]').getAttribute('content'), '630');
      } finally {
        await page.close();
      }
      const cardPath = image.pathname;
      assert.match(cardPath, /^\/cards\/.+\.png$/);
      // The browser opens the card itself, as an image document.
      const card = await context.newPage();
      try {
        const response = await card.goto(server.url(cardPath), { waitUntil: 'load' });
        assert.equal(response.status(), 200, cardPath);
        assert.equal(response.headers()['content-type'], 'image/png');
        const size = await card.$eval('img', (img) => [img.naturalWidth, img.naturalHeight]);
        assert.deepEqual(size, [1200, 630], cardPath);
        const hash = createHash('sha256').update(await response.body()).digest('hex');
        // What the card shows under its label line (the kind of card and
        // the site's name), as the browser decoded it.
        const below = await card.$eval('img', (img, top) => {
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight - top;
          const context = canvas.getContext('2d');
          context.drawImage(img, 0, -top);
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          let h = 0x811c9dc5;
          for (const byte of data) h = Math.imul(h ^ byte, 0x01000193);
          return (h >>> 0).toString(16);
        }, LABEL_LINE);
        for (const [other, seenCard] of seen) {
          assert.notEqual(cardPath, seenCard.cardPath, `${path} and ${other} preview the same card`);
          assert.notEqual(hash, seenCard.hash, `${path} and ${other} preview identical images`);
          assert.notEqual(below, seenCard.below, `the cards of ${path} and ${other} differ only in their label`);
        }
        seen.set(path, { cardPath, hash, below });
      } finally {
        await card.close();
      }
    });
  }
});
