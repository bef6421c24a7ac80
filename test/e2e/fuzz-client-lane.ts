/**
 * The client's lane of the HTTP fuzz (issue #18, item 7): `EtagClient`s
 * against a server whose routes change what they do between requests —
 * redirects within the origin and to another one, relative, absolute,
 * protocol-relative and malformed `Content-Location` and `Location`,
 * `Cache-Control` and `Vary` — for several users at once, whose tags
 * coincide (so a validator sent for the wrong user would be a 304). After
 * every request the lane checks what the client returned, what its store
 * holds, and what the other origin received.
 */
import { All, Controller, type INestApplication, Injectable, Param, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  type ClientResponse,
  EtagClient,
  HttpError,
  MemoryStore,
  type RememberedRepresentation,
  type RequestOptions,
  WeakTagError,
} from '../../lib/client/index.js';
import type { Platform } from '../../sample/platform.js';
import { startFixtureApp } from '../support/fixture-app.js';
import type { Elsewhere } from '../client/elsewhere.js';
import type { Random } from './fuzz-values.js';

/** The fuzzed routes: `/fz/0` … `/fz/5`. */
const SLOTS = 6;
const USERS = ['a', 'b', 'c', undefined] as const;
/** Each user's token: distinctive, so that the store can be searched for it. */
const token = (user: string) => `tok-${user}-do-not-store`;

/** What `/fz/:slot` does now. */
interface Behaviour {
  readonly redirect?: { readonly status: number; readonly location: string };
  readonly contentLocation?: string;
  readonly location?: string;
  readonly cacheControl?: string;
  readonly vary?: string;
}

@Injectable()
export class FuzzRoutes {
  readonly behaviours = new Map<string, Behaviour>();
  readonly versions = new Map<string, number>();
}

/** The user a request is from: `Bearer tok-<user>-…`, `X-User`, or nobody. */
function userOf(headers: Record<string, string | undefined>): string {
  const bearer = /^Bearer tok-(\w+)-/.exec(headers.authorization ?? '')?.[1];
  return bearer ?? headers['x-user'] ?? 'nobody';
}

@Controller('fz')
class FuzzController {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly routes: FuzzRoutes,
  ) {}

  /** Tags depend on the slot and its version only, never on the user: the same for everyone. */
  @All(':slot')
  handle(
    @Param('slot') slot: string,
    @Req() request: { method: string; headers: Record<string, string | undefined> },
    @Res() response: unknown,
  ): void {
    const http = this.adapterHost.httpAdapter;
    const does = this.routes.behaviours.get(slot) ?? {};
    if (does.redirect) return http.redirect(response, does.redirect.status, does.redirect.location);
    const { method, headers } = request;
    let version = this.routes.versions.get(slot) ?? 1;
    const tag = () => `"${slot}.${version}"`;
    const set = (name: string, value: string | undefined) =>
      value !== undefined && http.setHeader(response, name, value);
    set('Cache-Control', does.cacheControl);
    set('Vary', does.vary);
    set('Content-Location', does.contentLocation);
    set('Content-Type', 'application/json');
    if (method === 'GET') {
      set('ETag', tag());
      if (headers['if-none-match'] === tag()) return void http.reply(response, '', 304);
    } else {
      const ifMatch = headers['if-match'];
      if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== tag()) {
        set('ETag', tag());
        return void http.reply(response, JSON.stringify({ status: 412 }), 412);
      }
      this.routes.versions.set(slot, ++version);
      set('ETag', tag());
      set('Location', does.location);
    }
    http.reply(response, JSON.stringify({ owner: userOf(headers), slot, version, from: 'ours' }), 200);
  }
}

/** Starts the fuzzed server on loopback. */
export async function startFuzzServer(platform: Platform): Promise<{ app: INestApplication; routes: FuzzRoutes }> {
  const app = await startFixtureApp(platform, { controllers: [FuzzController], providers: [FuzzRoutes] });
  return { app, routes: app.get(FuzzRoutes) };
}

/** What the lane's requests came to, for the log. */
export interface Tally {
  requests: number;
  changes: number;
  redirects: number;
  crossOrigin: number;
  revalidated: number;
  /** HttpError, WeakTagError, or fetch's network error. */
  errors: number;
}

/**
 * One lane: two clients (one a user's, one shared) over one store each, and
 * the invariants, checked after every request.
 */
export class ClientLane {
  readonly tally: Tally = { requests: 0, changes: 0, redirects: 0, crossOrigin: 0, revalidated: 0, errors: 0 };
  private readonly stores = [new Map<string, RememberedRepresentation>(), new Map<string, RememberedRepresentation>()];
  private readonly clients: EtagClient[];

  constructor(
    private readonly random: Random,
    private readonly ours: string,
    private readonly elsewhere: Elsewhere,
    private readonly routes: FuzzRoutes,
  ) {
    this.clients = this.stores.map((entries, index) => {
      // A MemoryStore whose entries the lane can read.
      const store = new MemoryStore({ maxEntries: 1000 });
      const spied = {
        get: (key: string) => store.get(key),
        set: (key: string, value: RememberedRepresentation) => (entries.set(key, value), store.set(key, value)),
        delete: (key: string) => (entries.delete(key), store.delete(key)),
        clear: () => (entries.clear(), store.clear()),
      };
      return new EtagClient({ baseUrl: ours, store: spied, shared: index === 1 });
    });
  }

  /** One random step; returns what broke an invariant, if anything. */
  async step(): Promise<string[]> {
    if (this.random.chance(0.15)) this.change();
    const client = this.random.pick(this.clients);
    const user = this.random.pick(USERS);
    // a by Authorization, b by identity, c either way: two partitions of its own.
    const byToken = user === 'a' || (user === 'c' && this.random.chance(0.5));
    const options: RequestOptions =
      user === undefined
        ? {}
        : byToken
          ? { headers: { Authorization: `Bearer ${token(user)}` } }
          : { identity: user, headers: { 'X-User': user } };
    const path = `/fz/${this.random.int(0, SLOTS - 1)}`;
    const body = { name: this.random.string('abc', 3) };
    const operation = this.random.weighted<[string, () => Promise<ClientResponse<unknown>>]>([
      [8, () => ['GET', () => client.get(path, options)]],
      [2, () => ['PUT', () => client.put(path, body, options)]],
      [1, () => ['PUT createOnly', () => client.put(path, body, { ...options, createOnly: true })]],
      [2, () => ['PATCH', () => client.patch(path, body, options)]],
      [1, () => ['POST', () => client.post(path, body, options)]],
      [1, () => ['DELETE', () => client.delete(path, options)]],
      [0.2, () => ['clear()', () => client.clear().then(() => ({}) as ClientResponse<unknown>)]],
    ]);
    const [name, send] = operation;
    this.tally.requests++;
    const seenBefore = this.elsewhere.received.length;
    const problems: string[] = [];
    try {
      const response = await send();
      if (response.url !== undefined) problems.push(...this.judgeResponse(response, user ?? 'nobody'));
    } catch (error) {
      this.tally.errors++;
      // fetch's own network error (a redirect loop, a Location that is no URL), of Node's realm, not the test's.
      const network = (error as Error).name === 'TypeError' && (error as Error).message === 'fetch failed';
      if (!(network || error instanceof HttpError || error instanceof WeakTagError)) {
        problems.push(`threw ${String(error)}`);
      }
    }
    if (this.elsewhere.received.length > seenBefore) this.tally.crossOrigin++;
    problems.push(...this.judgeElsewhere(seenBefore), ...this.judgeStores());
    return problems.map((problem) => `${name} ${path} as ${user ?? 'nobody'}: ${problem}`);
  }

  /** Changes what one route does. */
  private change(): void {
    this.tally.changes++;
    const slot = () => this.random.int(0, SLOTS - 1);
    const elsewhereHost = new URL(this.elsewhere.origin).host;
    const url = () =>
      this.random.pick([
        `/fz/${slot()}`,
        `fz/${slot()}`,
        `../fz/${slot()}`,
        `${this.ours}/fz/${slot()}`,
        `/fz/${slot()}#fragment`,
        `${this.elsewhere.origin}/fz/${slot()}`,
        `//${elsewhereHost}/fz/${slot()}`,
        'http://[::1',
        'http://',
        '',
      ]);
    const maybe = <T>(make: () => T) => (this.random.chance(0.4) ? make() : undefined);
    const behaviour: Behaviour = this.random.chance(0.3)
      ? { redirect: { status: this.random.pick([301, 302, 303, 307, 308]), location: url() } }
      : {
          contentLocation: maybe(url),
          location: maybe(url),
          cacheControl: maybe(() =>
            this.random.pick(['private', 'no-store', 'private="Set-Cookie"', 'no-cache', 'max-age=0, no-store']),
          ),
          vary: maybe(() => this.random.pick(['Authorization', 'X-User', 'Accept-Language', '*'])),
        };
    if (behaviour.redirect) this.tally.redirects++;
    this.routes.behaviours.set(String(slot()), behaviour);
  }

  /** Our bodies belong to the user who asked; a forged one is never shown as ours. */
  private judgeResponse(response: ClientResponse<unknown>, user: string): string[] {
    if (response.revalidated) this.tally.revalidated++;
    const body = response.body as { owner?: string; from?: string; forged?: boolean } | undefined;
    const origin = new URL(response.url).origin;
    if (body?.from === 'ours' && body.owner !== user) return [`${user} was handed ${body.owner}'s body`];
    if (body?.forged && origin !== this.elsewhere.origin) return [`a forged body came back as ${response.url}`];
    return [];
  }

  /** The other origin never receives a validator the client sent of itself. */
  private judgeElsewhere(from: number): string[] {
    return this.elsewhere.received
      .slice(from)
      .flatMap(({ method, url, headers }) =>
        ['if-match', 'if-none-match', 'if-modified-since']
          .filter((name) => headers[name] !== undefined && headers[name] !== '*')
          .map((name) => `the other origin received ${method} ${url} with ${name}: ${String(headers[name])}`),
      );
  }

  /** Every key is of our origin, no entry is forged, and no credential is kept. */
  private judgeStores(): string[] {
    const problems: string[] = [];
    for (const entries of this.stores) {
      for (const [key, entry] of entries) {
        const url = key.slice(key.indexOf(' ') + 1);
        if (new URL(url).origin !== this.ours) problems.push(`remembered ${key}, of another origin`);
        if (entry.etag === '"forged"' || entry.body.includes('forged')) problems.push(`remembered forged ${key}`);
        if (/tok-|"[abc]"/.test(key + JSON.stringify(entry.vary ?? {}))) problems.push(`a credential in ${key}`);
      }
    }
    return problems;
  }
}
