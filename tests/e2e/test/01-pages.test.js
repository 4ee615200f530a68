// Every page kind at 375×812 and 1280×800, light and dark: no console
// errors, no failed requests, no horizontal scroll (also at 320 px), the
// Content-Security-Policy in place, and axe-core finds no WCAG 2.1 A/AA
// violation.
//
// The first page of each kind (home, role, a comparison of two roles, of
// three, its day, a share page, an error page, …) gets all four viewport ×
// scheme combinations and both schemes at 320 px. Every further page of a
// kind already covered (the other share pages, the other order of a pair)
// gets the same checks at 375 px light and 1280 px dark, and 320 px light:
// both widths and both schemes, in half the time.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MATRIX, NARROW, SCHEMES, describeViolations, horizontalOverflow, runAxe, watchPage,
} from '../lib/browser.js';
import { setUp } from '../lib/suite.js';
import { FIXTURE_SAMPLE, pageKind, pagesToCheck } from '../lib/site.js';

const {
  browser,
  servers: { bundled, fixture },
} = await setUp(['bundled', 'fixture']);

const crawlContext = await browser.newContext();
const sites = [
  {
    name: 'bundled',
    server: bundled,
    pages: await pagesToCheck(crawlContext, bundled.origin, 'bundled'),
  },
  { name: 'fixture', server: fixture, pages: FIXTURE_SAMPLE },
];
await crawlContext.close();

// Two contexts per viewport and scheme, reused for every page: a plain one
// that enforces the site's CSP (so a violation shows as a console error),
// and one that bypasses it only to inject axe-core.
const contexts = new Map();
function contextFor(viewport, colorScheme, bypassCSP) {
  const key = `${viewport.width}x${viewport.height} ${colorScheme} ${bypassCSP}`;
  if (!contexts.has(key)) {
    contexts.set(key, browser.newContext({ viewport, colorScheme, bypassCSP }));
  }
  return contexts.get(key);
}

/** Opens a page, checks its status; returns the page and what went wrong. */
async function open(server, { path, status }, viewport, colorScheme, bypassCSP = false) {
  const page = await (await contextFor(viewport, colorScheme, bypassCSP)).newPage();
  const watch = watchPage(page);
  const response = await page.goto(server.url(path), { waitUntil: 'load' });
  assert.equal(response.status(), status, `${path} answered ${response.status()}`);
  return { page, watch, response };
}

// Two pages at a time: a page mostly waits on the browser, and the machine
// has two cores.
const LIGHTER = MATRIX.filter(({ name }) => name === 'phone light' || name === 'desktop dark');

describe('every page, every viewport and scheme', { concurrency: 2 }, () => {
  for (const site of sites) {
    const kinds = new Set();
    for (const entry of site.pages) {
      const kind = pageKind(entry);
      const first = !kinds.has(kind);
      kinds.add(kind);
      describe(`${site.name} ${entry.path} (${first ? 'first of kind' : 'kind'}: ${kind})`, () => {
        for (const { name, viewport, colorScheme } of first ? MATRIX : LIGHTER) {
          test(`${name}: no console errors, failed requests or sideways scroll`, async () => {
            const { page, watch, response } = await open(site.server, entry, viewport, colorScheme);
            try {
              const csp = response.headers()['content-security-policy'] ?? '';
              // The site's policy must be there and must forbid inline code.
              assert.match(csp, /default-src/, 'the page must carry a Content-Security-Policy');
              assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes/, `the CSP must stay strict: ${csp}`);
              // Headless Chromium does not fetch favicons itself, so fetch
              // every declared icon as a browser would.
              for (const href of await page.$$eval('link[rel~="icon"]', (ls) => ls.map((l) => l.href))) {
                const icon = await page.request.get(href);
                assert.equal(icon.status(), 200, `favicon ${href}`);
                assert.match(icon.headers()['content-type'] ?? '', /^image\//, `favicon ${href} type`);
              }
              assert.deepEqual(watch.problems, [], `problems on ${entry.path}`);
              const { overflow, culprits } = await horizontalOverflow(page);
              assert.ok(overflow <= 0, `scrolls ${overflow}px sideways at ${viewport.width}px: ${culprits.join(', ')}`);
            } finally {
              await page.close();
            }
          });

          test(`${name}: axe-core finds no WCAG 2.1 AA violation`, async () => {
            const { page } = await open(site.server, entry, viewport, colorScheme, true);
            try {
              const violations = await runAxe(page);
              assert.equal(violations.length, 0, `axe on ${entry.path} (${name}):\n${describeViolations(violations)}`);
            } finally {
              await page.close();
            }
          });
        }

        for (const colorScheme of first ? SCHEMES : ['light']) {
          test(`320px ${colorScheme}: no horizontal scrolling`, async () => {
            const { page } = await open(site.server, entry, NARROW, colorScheme);
            try {
              const { overflow, culprits } = await horizontalOverflow(page);
              assert.ok(overflow <= 0, `scrolls ${overflow}px sideways at 320px: ${culprits.join(', ')}`);
            } finally {
              await page.close();
            }
          });
        }
      });
    }
  }
});
