// With JavaScript disabled every page shows the same content as with it,
// and the "compare any two" picker and the official pay area picker (plain
// GET forms) still work.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VIEWPORTS, watchPage } from '../lib/browser.js';
import { setUp } from '../lib/suite.js';
import { FIXTURE_SAMPLE, pagesToCheck } from '../lib/site.js';

const SECTIONS = ['overview', 'responsibilities', 'skills', 'day-to-day', 'career-path', 'job-market', 'salaries'];

const {
  browser,
  servers: { bundled, fixture },
} = await setUp(['bundled', 'fixture']);

const withJs = await browser.newContext({ viewport: VIEWPORTS.desktop });
const sites = [
  { name: 'bundled', server: bundled, pages: await pagesToCheck(withJs, bundled.origin, 'bundled') },
  { name: 'fixture', server: fixture, pages: FIXTURE_SAMPLE },
];
const noJs = {};
for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  noJs[name] = await browser.newContext({ viewport, javaScriptEnabled: false });
}

/** The visible text of `main`, and each comparison section's text. */
async function contentOf(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    return await page.evaluate((ids) => ({
      main: document.querySelector('main').innerText,
      sections: Object.fromEntries(ids.map((id) => {
        const el = document.getElementById(id);
        return [id, el ? { text: el.textContent, visible: el.getClientRects().length > 0 } : null];
      })),
      // A comparison's roles (a role page has one column, unlabelled).
      roles: [...document.querySelectorAll('.role-card-title')].map((el) => el.textContent.trim()),
    }), SECTIONS);
  } finally {
    await page.close();
  }
}

describe('every page reads the same without JavaScript', () => {
  for (const site of sites) {
    for (const { path } of site.pages) {
      test(`${site.name} ${path}`, async () => {
        const url = site.server.url(path);
        const off = await contentOf(noJs.desktop, url);
        const on = await contentOf(withJs, url);
        assert.ok(off.main.trim().length > 100, `${path} has content without JavaScript`);
        assert.equal(off.main, on.main, `${path}: the text differs without JavaScript`);
        if (/^\/(compare|roles)\/[^/?]+$/.test(path) && on.sections.overview) {
          for (const id of SECTIONS) {
            const section = off.sections[id];
            assert.ok(section?.visible, `${path}#${id} is there and shown`);
            assert.ok(section.text.trim().length > 20, `${path}#${id} has content`);
            for (const role of off.roles) {
              assert.ok(section.text.includes(role), `${path}#${id} names ${role}`);
            }
          }
        }
      });
    }
  }
});

/**
 * Chooses two roles in the first picker on `from` and submits it with
 * JavaScript off; resolves to the page it lands on.
 */
async function pick(context, from, a, b) {
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(from, { waitUntil: 'load' });
  const form = page.locator('form.picker').first();
  await form.locator('select[name="a"]').selectOption(a);
  await form.locator('select[name="b"]').selectOption(b);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== new URL(from).pathname, { waitUntil: 'load' }),
    form.locator('button[type="submit"]').click(),
  ]);
  return { page, watch };
}

describe('the picker works without JavaScript', () => {
  for (const [name, context] of Object.entries({ phone: () => noJs.phone, desktop: () => noJs.desktop })) {
    test(`${name}: home → AWS Engineer vs AWS Architect`, async () => {
      const { page, watch } = await pick(context(), bundled.url('/'), 'aws-engineer', 'aws-architect');
      try {
        assert.equal(new URL(page.url()).pathname, '/compare/aws-engineer-vs-aws-architect');
        assert.equal(watch.document.status, 200);
        const h1 = await page.locator('h1').innerText();
        assert.match(h1, /AWS Engineer/);
        assert.match(h1, /AWS Architect/);
        assert.equal(await page.locator('#salaries').count(), 1);
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });

    test(`${name}: the comparison's own picker, the other order`, async () => {
      const from = bundled.url('/compare/aws-engineer-vs-aws-architect');
      const { page, watch } = await pick(context(), from, 'aws-architect', 'aws-engineer');
      try {
        assert.equal(new URL(page.url()).pathname, '/compare/aws-architect-vs-aws-engineer');
        assert.equal(watch.document.status, 200);
      } finally {
        await page.close();
      }
    });
  }

  for (const [name, context] of Object.entries({ phone: () => noJs.phone, desktop: () => noJs.desktop })) {
    test(`${name}: the official pay area picker lands on the area's page`, async () => {
      const page = await context().newPage();
      const watch = watchPage(page);
      try {
        const pay = '/compare/aws-engineer-vs-aws-architect/pay';
        await page.goto(bundled.url(pay), { waitUntil: 'load' });
        const form = page.locator('form.area-picker');
        await form.locator('select[name="area"]').selectOption('california');
        await Promise.all([
          page.waitForURL((url) => url.pathname !== pay, { waitUntil: 'load' }),
          form.locator('button[type="submit"]').click(),
        ]);
        assert.equal(new URL(page.url()).pathname, `${pay}/california`);
        assert.equal(watch.document.status, 200);
        assert.match(await page.locator('h1').innerText(), /California/);
        assert.equal(await page.locator('form.area-picker select[name="area"]').inputValue(), 'california');
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });
  }

  test('a 404 page offers a working picker', async () => {
    const { page, watch } = await pick(noJs.phone, bundled.url('/roles/aws-enginer'), 'aws-engineer', 'aws-architect');
    try {
      assert.equal(new URL(page.url()).pathname, '/compare/aws-engineer-vs-aws-architect');
      assert.equal(watch.document.status, 200);
    } finally {
      await page.close();
    }
  });

  test('the same role twice lands on a 400 page that explains it', async () => {
    const { page, watch } = await pick(noJs.desktop, bundled.url('/'), 'aws-engineer', 'aws-engineer');
    try {
      assert.equal(watch.document.status, 400);
      assert.equal(await page.locator('form.picker').count(), 1, 'the 400 page offers the picker again');
    } finally {
      await page.close();
    }
  });

  test('nothing chosen: the browser keeps the reader on the form', async () => {
    const page = await noJs.desktop.newPage();
    try {
      await page.goto(bundled.url('/'), { waitUntil: 'load' });
      const requests = [];
      page.on('request', (r) => r.isNavigationRequest() && requests.push(r.url()));
      await page.locator('form.picker button[type="submit"]').click();
      await page.waitForTimeout(300);
      assert.equal(new URL(page.url()).pathname, '/');
      assert.deepEqual(requests, [], 'the required selects stop the submission');
    } finally {
      await page.close();
    }
  });

  test('the questionnaire, answered and sent without JavaScript', async (t) => {
    const page = await noJs.phone.newPage();
    const watch = watchPage(page);
    try {
      const response = await page.goto(bundled.url('/fit'), { waitUntil: 'load' });
      if (response.status() === 404) {
        t.skip('this content has no questionnaire');
        return;
      }
      const form = page.locator('main form[action$="/fit/result"]');
      const questions = form.locator('fieldset');
      const count = await questions.count();
      assert.ok(count > 0, 'the questionnaire has questions');
      for (let i = 0; i < count; i += 1) {
        await questions.nth(i).locator('input[type="radio"]').last().check();
      }
      await Promise.all([
        page.waitForURL((url) => url.pathname.endsWith('/fit/result'), { waitUntil: 'load' }),
        form.locator('button[type="submit"]').click(),
      ]);
      assert.equal(watch.document.status, 200);
      assert.ok((await page.locator('main h1').innerText()).length > 0);
      assert.equal(new URL(page.url()).searchParams.size, count, 'the result URL holds every answer');
      assert.deepEqual(watch.problems, []);
    } finally {
      await page.close();
    }
  });

  test('made-up roles: Ferry Captain vs Lighthouse Keeper', async () => {
    const { page, watch } = await pick(noJs.phone, fixture.url('/'), 'ferry-captain', 'lighthouse-keeper');
    try {
      assert.equal(new URL(page.url()).pathname, '/compare/ferry-captain-vs-lighthouse-keeper');
      assert.equal(watch.document.status, 200);
      assert.deepEqual(watch.problems, []);
    } finally {
      await page.close();
    }
  });
});
