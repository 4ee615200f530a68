// A crawl from `/` follows every internal link: every target answers 200
// without a redirect, and every `#fragment` names an id on its target.
// The sitemap's pages are all reached by links (the static export relies
// on that), and the error pages' links are checked too. Official pay area
// pages outside a sample are checked as targets but not crawled onward
// (site.js, AREA_SAMPLE).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setUp } from '../lib/suite.js';
import { crawl, extraPages, pathOf } from '../lib/site.js';

const { browser, servers } = await setUp(['bundled', 'fixture']);

for (const [name, server] of Object.entries(servers)) {
  describe(`${name} content`, () => {
    let result;
    const context = browser.newContext();

    test('the crawl from / finds no broken link or fragment', async (t) => {
      const extras = await extraPages(await context, server.origin, name);
      result = await crawl(await context, server.origin, ['/', ...extras.map((e) => e.path)]);
      const { pages, links } = result;
      const broken = [];
      let internal = 0;
      let fragments = 0;
      let external = 0;
      for (const { from, href, kind } of links) {
        const target = new URL(href);
        const source = pathOf(from);
        if (target.origin !== server.origin) {
          external += 1;
          if (!['http:', 'https:', 'mailto:'].includes(target.protocol)) broken.push(`${source}: ${kind} ${href}: unexpected scheme`);
          continue;
        }
        internal += 1;
        const hash = target.hash;
        target.hash = '';
        if (kind !== 'a') {
          // Stylesheet, icon, canonical: fetched, not crawled.
          const response = await fetch(target, { redirect: 'manual' });
          if (response.status !== 200) broken.push(`${source}: ${kind} ${href} answered ${response.status}`);
          continue;
        }
        const page = pages.get(target.href);
        // A link within the page it is on (the skip link, a self-link) only
        // needs its fragment: an error page links to its own #main too.
        const samePage = target.href === from;
        if (!samePage && page.status !== 200) broken.push(`${source}: link to ${pathOf(href)} answered ${page.status}`);
        if (!samePage && page.redirectedTo) broken.push(`${source}: link to ${pathOf(href)} redirects to ${page.redirectedTo}`);
        if (hash) {
          fragments += 1;
          const id = decodeURIComponent(hash.slice(1));
          if (!page.ids.has(id)) broken.push(`${source}: link to ${pathOf(href)}${hash}: no element has id "${id}"`);
        } else if (href.endsWith('#')) {
          broken.push(`${source}: empty fragment link ${href}`);
        }
      }
      for (const { path, status } of extras) {
        const page = pages.get(server.url(path));
        assert.equal(page.status, status, `${path} answers ${status}`);
      }
      const onlyFetched = [...pages.values()].filter((p) => !p.crawled).length;
      t.diagnostic(`${name}: ${pages.size} pages (${pages.size - onlyFetched} crawled, ${onlyFetched} area pages `
        + `checked without crawling onward), ${links.length} links `
        + `(${internal} internal, ${external} external), ${fragments} fragments checked, ${broken.length} broken`);
      assert.deepEqual(broken, []);
    });

    test('every sitemap page answers 200 and is reached by a link', async (t) => {
      assert.ok(result, 'the crawl ran');
      const sitemap = await (await fetch(server.url('/sitemap.xml'))).text();
      const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
      assert.ok(urls.length > 0, 'the sitemap lists pages');
      const problems = [];
      for (const url of urls) {
        const target = new URL(url);
        const local = server.url(target.pathname + target.search);
        const response = await fetch(local, { redirect: 'manual' });
        if (response.status !== 200) problems.push(`${url} answered ${response.status}`);
        // The home page's canonical form may or may not end in a slash.
        const reached = result.pages.get(local)?.status === 200
          || (target.pathname === '/' && result.pages.has(server.url('/')));
        if (!reached) problems.push(`${url} is in the sitemap but no link leads to it`);
      }
      t.diagnostic(`${name}: ${urls.length} sitemap pages`);
      assert.deepEqual(problems, []);
      await (await context).close();
    });
  });
}
