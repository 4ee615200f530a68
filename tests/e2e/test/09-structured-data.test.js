// The JSON-LD of every role and comparison page passes Adobe's
// structured-data validator with the schema.org vocabulary: no error and
// no warning. The pages are fetched as the server sends them and parsed by
// @marbec/web-auto-extractor, as the validator expects.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import Validator from '@adobe/structured-data-validator';
import WebAutoExtractor from '@marbec/web-auto-extractor';
import { startServer, CONTENT } from '../lib/server.js';
import { schemaOrgJson } from '../lib/schemaorg.js';

const vocabulary = schemaOrgJson();
const servers = {
  bundled: await startServer({ content: CONTENT.bundled }),
  fixture: await startServer({ content: CONTENT.fixture }),
};
after(() => Promise.all(Object.values(servers).map((server) => server.stop())));

/** Every role page, every pair in both orders, and one page of three roles. */
async function pagesOf(server) {
  const { roles } = await (await fetch(server.url('/api/roles'))).json();
  const slugs = roles.map((role) => role.slug);
  const pages = slugs.map((slug) => `/roles/${slug}`);
  for (const a of slugs) {
    for (const b of slugs) if (a !== b) pages.push(`/compare/${a}-vs-${b}`);
  }
  if (slugs.length >= 3) pages.push(`/compare/${slugs.slice(0, 3).join('-vs-')}`);
  return pages;
}

/** The validator's issues for one page, and the number of JSON-LD items. */
async function validatePage(html) {
  const extracted = new WebAutoExtractor({ addLocation: true, embedSource: ['rdfa', 'microdata'] }).parse(html);
  const items = Object.values(extracted.jsonld ?? {}).flat().length;
  const issues = await new Validator(vocabulary).validate(extracted);
  return { items, issues };
}

function describeIssues(issues) {
  return issues
    .map((i) => `  ${i.severity}: ${i.issueMessage} at ${JSON.stringify(i.path)}`)
    .join('\n');
}


const sites = [];
for (const [name, server] of Object.entries(servers)) {
  sites.push({ name, server, pages: await pagesOf(server) });
}

test('the validator is given a vocabulary that knows the types the pages use', () => {
  const ids = new Set(vocabulary['@graph'].map((n) => n['@id']));
  for (const id of ['schema:Occupation', 'schema:MonetaryAmount', 'schema:WebPage', 'schema:estimatedSalary']) {
    assert.ok(ids.has(id), `${id} is in the vocabulary`);
  }
});

for (const { name, server, pages } of sites) {
  describe(`${name}: JSON-LD passes the structured-data validator`, () => {
    for (const path of pages) {
      test(path, async () => {
        const response = await fetch(server.url(path));
        assert.equal(response.status, 200, `${path} answered ${response.status}`);
        const { items, issues } = await validatePage(await response.text());
        assert.ok(items > 0, `${path} has JSON-LD`);
        const errors = issues.filter((i) => i.severity === 'ERROR');
        const warnings = issues.filter((i) => i.severity !== 'ERROR');
        assert.deepEqual(
          { errors: errors.length, warnings: warnings.length },
          { errors: 0, warnings: 0 },
          `${path}:\n${describeIssues(issues)}`,
        );
      });
    }
  });
}
