import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM } from '../support/components.js';

/**
 * Debian's Chromium (or `CHROMIUM_BIN`), headless, as every browser test drives it: never a downloaded browser.
 * Call it only in suites that `describeWith(CHROMIUM)`.
 */
export function launchChromium(): Promise<Browser> {
  if (CHROMIUM === undefined)
    throw new Error('launchChromium(): no Chromium here; wrap the suite in describeWith(CHROMIUM)');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Pages served on loopback, on a free port: an origin of their own. */
export interface PageOrigin {
  /** `http://127.0.0.1:port` */
  readonly origin: string;
  close(): Promise<void>;
}

export async function servePages(listener: RequestListener): Promise<PageOrigin> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Serves `html` at `/page` of the app itself (call it before `listen()`): a page of the API's own origin. */
export function servePage(app: INestApplication, html: string): void {
  const adapter = app.getHttpAdapter();
  adapter.get('/page', (_request: unknown, response: unknown) => {
    adapter.setHeader(response, 'Content-Type', 'text/html; charset=utf-8');
    adapter.reply(response, html, 200);
  });
}
