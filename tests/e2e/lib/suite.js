// The setting of one test file: a browser and a server for each content
// folder it names, all closed once the file's tests are done.

import { after } from 'node:test';
import { launchBrowser } from './browser.js';
import { CONTENT, startServer } from './server.js';

/**
 * Launches Chromium and starts `rolecompare serve` on each of `sites`
 * (names in CONTENT: 'bundled', 'fixture'). Resolves to
 * { browser, servers: { [name]: server } }.
 */
export async function setUp(sites) {
  const browser = await launchBrowser();
  const servers = {};
  for (const name of sites) servers[name] = await startServer({ content: CONTENT[name] });
  after(async () => {
    await browser.close();
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  });
  return { browser, servers };
}
