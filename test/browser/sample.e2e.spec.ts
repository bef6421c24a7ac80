import type { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { etagCorsOptions } from '../../lib/index.js';
import { PLATFORMS } from '../../sample/platform.js';
import { CHROMIUM, describeWith } from '../support/components.js';
import { recordRequests, type SeenRequest } from '../support/requests.js';
import { startSampleApp } from '../support/sample.js';
import { launchChromium, type PageOrigin, servePage, servePages } from './chromium.js';

const PAGE = '<!doctype html><title>nestjs-etag sample</title>';

/** What a page does against `api`: read, revalidate from the browser cache, update, update again with the old tag. */
async function session(api: string) {
  const send = (method: string, ifMatch: string, user: object) =>
    fetch(`${api}/users/1`, {
      method,
      headers: { 'Content-Type': 'application/json', 'If-Match': ifMatch },
      body: JSON.stringify(user),
    });
  const read = await fetch(`${api}/users/1`);
  const tag = read.headers.get('ETag')!;
  const user = (await read.json()) as { name: string; age: number };
  // no-cache: the browser sends what it cached to the server to revalidate (RFC 9111 §4.3.1).
  const revalidate = { cache: 'no-cache' } as RequestInit;
  const revalidated = await fetch(`${api}/users/1`, revalidate);
  const cached = await revalidated.json();
  const updated = await send('PUT', tag, { name: user.name, age: user.age + 1 });
  const stale = await send('PATCH', tag, { name: 'Sean' });
  const reread = await fetch(`${api}/users/1`, revalidate);
  return {
    tag,
    user,
    revalidated: { status: revalidated.status, tag: revalidated.headers.get('ETag'), body: cached },
    updated: { status: updated.status, body: await updated.json() },
    stale: { status: stale.status, tag: stale.headers.get('ETag'), problem: await stale.json() },
    reread: { status: reread.status, tag: reread.headers.get('ETag'), body: await reread.json() },
  };
}

// Without Chromium every test is skipped, and these hooks with them.
let browser: Browser;
// The second origin: a blank page on another port of loopback.
let other: PageOrigin;

beforeAll(async () => {
  other = await servePages((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await other?.close();
});

describeWith(CHROMIUM).each(PLATFORMS)('Chromium against the sample on %s', (platform) => {
  let app: INestApplication;
  let api: string;
  let context: BrowserContext;
  let page: Page;
  const seen: SeenRequest[] = [];
  /** What Chromium's network stack sent and received, through the DevTools protocol. */
  const requests = new Map<string, string>();
  const received: { requestId: string; statusCode: number }[] = [];
  /** Each response on the wire, as `GET /users/1 304`: the status before the HTTP cache answers the script. */
  const network = () =>
    received
      .filter(({ requestId }) => requests.has(requestId))
      .map(({ requestId, statusCode }) => `${requests.get(requestId)} ${statusCode}`);

  beforeEach(async () => {
    app = await startSampleApp(platform, {
      configure: (app) => {
        app.enableCors(etagCorsOptions({ origin: other.origin }));
        // The page of the first origin, the API's own.
        servePage(app, PAGE);
      },
    });
    api = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    seen.length = 0;
    requests.clear();
    received.length = 0;
    recordRequests(app, seen);

    context = await browser.newContext();
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
      const url = new URL(request.url);
      if (url.pathname.startsWith('/users')) requests.set(requestId, `${request.method} ${url.pathname}`);
    });
    // The status as received: Network.responseReceived reports the cached 200 a 304 revalidated.
    cdp.on('Network.responseReceivedExtraInfo', ({ requestId, statusCode }) =>
      received.push({ requestId, statusCode }),
    );
  }, 30_000);

  afterEach(async () => {
    await context.close();
    await app.close();
  });

  /** The lines network() shows for these requests: each went to the server, none was answered by the HTTP cache. */
  const onTheWire = (requests: ReadonlyArray<{ request: string; status: number }>) =>
    requests.map(({ request, status }) => `${request} ${status}`);
  const users = () => seen.filter((each) => each.request.startsWith('GET /users') || !each.request.startsWith('GET'));

  it('same origin: reads, revalidates from its HTTP cache with a 304, updates with If-Match, and gets a 412 for the stale tag', async () => {
    await page.goto(`${api}/page`);
    const outcome = await page.evaluate(session, '');

    expect(outcome.user).toMatchObject({ id: 1, name: 'Shaun', age: 27 });
    // The browser answered the script with its cached body; on the wire it was a 304.
    expect(outcome.revalidated).toEqual({ status: 200, tag: outcome.tag, body: outcome.user });
    expect(outcome.updated).toMatchObject({ status: 200, body: { id: 1, name: 'Shaun', age: 28 } });
    expect(outcome.stale).toMatchObject({ status: 412, problem: { status: 412, header: 'If-Match' } });
    expect(outcome.reread).toMatchObject({ status: 200, tag: outcome.stale.tag, body: { age: 28 } });
    expect(outcome.reread.tag).not.toBe(outcome.tag);

    const expected = [
      { request: 'GET /users/1', status: 200 },
      { request: 'GET /users/1', ifNoneMatch: outcome.tag, status: 304 },
      { request: 'PUT /users/1', ifMatch: outcome.tag, status: 200 },
      { request: 'PATCH /users/1', ifMatch: outcome.tag, status: 412 },
      { request: 'GET /users/1', ifNoneMatch: outcome.tag, status: 200 },
    ];
    expect(users()).toEqual(expected);
    expect(network()).toEqual(onTheWire(expected));
  });

  it('another origin, through CORS: the same, with a preflight before each write', async () => {
    await page.goto(`${other.origin}/`);
    const outcome = await page.evaluate(session, api);

    expect(outcome.tag).toMatch(/^"[\w-]+"$/);
    expect(outcome.revalidated).toEqual({ status: 200, tag: outcome.tag, body: outcome.user });
    expect(outcome.updated).toMatchObject({ status: 200, body: { age: 28 } });
    expect(outcome.stale).toMatchObject({ status: 412, problem: { header: 'If-Match' } });
    expect(outcome.reread).toMatchObject({ status: 200, tag: outcome.stale.tag });

    const expected = [
      { request: 'GET /users/1', status: 200 },
      { request: 'GET /users/1', ifNoneMatch: outcome.tag, status: 304 },
      { request: 'OPTIONS /users/1', status: 204 },
      { request: 'PUT /users/1', ifMatch: outcome.tag, status: 200 },
      { request: 'OPTIONS /users/1', status: 204 },
      { request: 'PATCH /users/1', ifMatch: outcome.tag, status: 412 },
      { request: 'GET /users/1', ifNoneMatch: outcome.tag, status: 200 },
    ];
    expect(users()).toEqual(expected);
    expect(network()).toEqual(onTheWire(expected));
  });
});
