import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, type PageOrigin, servePages } from '../browser/chromium.js';

/** The client's module, as the page hands it to the test: `globalThis.etagClient`. */
export type ClientModule = typeof import('../../lib/client/index.js');

// The client as a browser loads it: one minified ES module, nothing of Node's.
const entry = fileURLToPath(new URL('../../lib/client/index.ts', import.meta.url));

// The page the tests drive: it imports the bundle and hands it to the test.
const PAGE = `<!doctype html><title>nestjs-etag/client</title>
<script type="module">import * as client from '/client.js'; globalThis.etagClient = client;</script>`;

/** Debian's Chromium, and a page origin that serves the client's browser bundle. */
export interface ClientInChromium {
  readonly bundle: string;
  /** The page's origin: every API the tests call is another one. */
  readonly origin: string;
  readonly browser: Browser;
  /** A new page with the client loaded. */
  open(): Promise<Page>;
  close(): Promise<void>;
}

/** The client's browser bundle: one minified ES module. Needs no browser. */
export async function buildClientBundle(): Promise<string> {
  const built = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    minify: true,
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  return built.outputFiles[0]!.text;
}

/** Call it only in suites that `describeWith(CHROMIUM)`. */
export async function startClientInChromium(): Promise<ClientInChromium> {
  const bundle = await buildClientBundle();
  const pages: PageOrigin = await servePages((request, response) => {
    const body = request.url === '/client.js' ? bundle : request.url === '/' ? PAGE : undefined;
    const type = request.url === '/client.js' ? 'text/javascript' : 'text/html';
    response.writeHead(body === undefined ? 404 : 200, { 'Content-Type': `${type}; charset=utf-8` }).end(body);
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await pages.close();
    throw error;
  });
  return {
    bundle,
    origin: pages.origin,
    browser,
    async open() {
      const page = await browser.newPage();
      await page.goto(`${pages.origin}/`);
      await page.waitForFunction(() => 'etagClient' in globalThis);
      return page;
    },
    async close() {
      await browser.close();
      await pages.close();
    },
  };
}
