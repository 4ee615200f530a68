// Starts the real release server on a free loopback port and stops it.
//
// The suite assumes `cargo build --release` has run (run.sh does it). The
// server is started with `--addr 127.0.0.1:0`; the port it picked is read
// from its log line `serving content on http://127.0.0.1:PORT`.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BINARY = process.env.ROLECOMPARE_BIN ?? path.join(REPO, 'target/release/rolecompare');

/** The bundled content and the made-up three-role fixture. */
export const CONTENT = {
  bundled: path.join(REPO, 'content'),
  fixture: path.join(REPO, 'tests/fixtures/three-roles'),
};

const START_TIMEOUT_MS = 15_000;

/**
 * Starts `rolecompare serve` on 127.0.0.1 with a port the OS picks.
 * Resolves to { origin, url(path), log(), stop() }.
 */
export async function startServer({ content = CONTENT.bundled, args = [] } = {}) {
  if (!existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: run \`cargo build --release\` first (tests/e2e/run.sh does)`);
  }
  const child = spawn(
    BINARY,
    ['serve', '--addr', '127.0.0.1:0', '--content', content, ...args],
    {
      env: { ...process.env, NO_COLOR: '1', RUST_LOG: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not say its address within ${START_TIMEOUT_MS} ms:\n${log}`));
    }, START_TIMEOUT_MS);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      // Keep the first 64 KiB for error messages; the rest is request noise.
      if (log.length < 65_536) log += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${log}`));
    });
  });

  return {
    origin,
    url: (p) => new URL(p, origin).href,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
