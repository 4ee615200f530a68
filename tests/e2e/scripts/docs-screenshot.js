// Writes docs/screenshot-compare.png, the picture at the top of README:
// the top of the AWS Engineer vs AWS Architect comparison, 1280 px wide,
// light. Run after `cargo build --release`: npm run screenshot:docs

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../lib/browser.js';
import { CONTENT, REPO, startServer } from '../lib/server.js';

const OUT = path.join(REPO, 'docs/screenshot-compare.png');

const browser = await launchBrowser();
const server = await startServer({ content: CONTENT.bundled });
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
  });
  const page = await context.newPage();
  await page.goto(server.url('/compare/aws-engineer-vs-aws-architect'), { waitUntil: 'load' });
  mkdirSync(path.dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`wrote ${path.relative(REPO, OUT)}`);
} finally {
  await browser.close();
  await server.stop();
}
