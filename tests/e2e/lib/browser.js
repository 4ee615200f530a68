// Debian's Chromium driven by playwright-core, and the checks that run
// inside a page: console and network problems, axe-core, overflow.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** The system browser: never a downloaded one. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One browser per test file; playwright gives it a fresh profile. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
};
export const NARROW = { width: 320, height: 640 };
export const SCHEMES = ['light', 'dark'];

/** Every viewport × colour scheme the issue asks for. */
export const MATRIX = Object.entries(VIEWPORTS).flatMap(([name, viewport]) =>
  SCHEMES.map((colorScheme) => ({ name: `${name} ${colorScheme}`, viewport, colorScheme })),
);

/**
 * Records what went wrong while a page loads: console errors, uncaught
 * exceptions, failed requests and sub-resources answering >= 400. Call
 * before `goto`; read `problems` after.
 */
export function watchPage(page) {
  const state = { problems: [], document: null };
  page.on('response', (response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      state.document = { url: response.url(), status: response.status() };
    } else if (response.status() >= 400) {
      state.problems.push(`request ${request.method()} ${response.url()} answered ${response.status()}`);
    }
  });
  page.on('requestfailed', (request) => {
    state.problems.push(`request ${request.method()} ${request.url()} failed: ${request.failure()?.errorText}`);
  });
  page.on('pageerror', (error) => state.problems.push(`uncaught exception: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // An error page (404, 400) makes Chromium log "Failed to load resource:
    // the server responded with a status of 404" for the document itself.
    // That is the page's own, intended status, not a failed sub-request:
    // skip exactly that message for exactly the document's URL. Failed
    // sub-resources are caught above by their responses, and CSP or script
    // errors still fail here.
    const own = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(text);
    if (own && state.document && message.location().url === state.document.url
        && Number(own[1]) === state.document.status) {
      return;
    }
    state.problems.push(`console error: ${text} (${message.location().url})`);
  });
  return state;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core for the WCAG 2.1 A and AA rules. The page must belong to a
 * context made with `bypassCSP: true`: the site's policy forbids inline
 * scripts, and the test context bypasses it rather than the site loosening it.
 */
export async function runAxe(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(
    (options) => window.axe.run(document, options),
    { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] },
  );
  return result.violations;
}

/** A readable list of axe violations for an assertion message. */
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact}): ${v.help}, ${v.nodes.length} node(s)\n${nodes}`;
    })
    .join('\n');
}

/**
 * How far the page scrolls sideways, and the elements that stick out past
 * the right edge of the viewport (for the message).
 */
export function horizontalOverflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const overflow = root.scrollWidth - width;
    const culprits = [];
    if (overflow > 0) {
      for (const el of document.body.querySelectorAll('*')) {
        const rect = el.getBoundingClientRect();
        if (rect.right > width + 0.5 && rect.width > 0) {
          const name = el.tagName.toLowerCase()
            + (el.id ? `#${el.id}` : '')
            + (el.classList.length ? `.${[...el.classList].join('.')}` : '');
          culprits.push(`${name} (right edge ${Math.round(rect.right)}px)`);
          if (culprits.length >= 8) break;
        }
      }
    }
    return { overflow, culprits };
  });
}

/** A short name for a page, usable in a file name. */
export function fileName(pathAndQuery) {
  const name = pathAndQuery.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
  if (name.length <= 80) return name;
  // Long queries (a questionnaire's answers): keep a prefix, add a hash.
  return `${name.slice(0, 60)}_${createHash('sha1').update(pathAndQuery).digest('hex').slice(0, 10)}`;
}
