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

export async function startClientInChromium(): Promise<ClientInChromium> {
  const built = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    minify: true,
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const bundle = built.outputFiles[0]!.text;
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
