import type http from 'node:http';
import { type HttpRequest, type HttpResponse, HttpTimeoutError, oneConnection, send } from './http-client.js';
import type { Win } from './lost-updates.js';

/** What the clients of one run counted, together. */
export interface Tally {
  requests: number;
  reads: number;
  conditionalReads: number;
  notModified: number;
  writes: number;
  /** Good writes answered 2xx. */
  won: number;
  /** Good writes answered 412: another client wrote first. */
  conflicts: number;
  staleWrites: number;
  /** Transport errors and answers the request should never get. */
  errors: number;
  timeouts: number;
  serverErrors: number;
  /** The first few errors, said in a line each. */
  readonly samples: string[];
}

export function emptyTally(): Tally {
  return {
    requests: 0,
    reads: 0,
    conditionalReads: 0,
    notModified: 0,
    writes: 0,
    won: 0,
    conflicts: 0,
    staleWrites: 0,
    errors: 0,
    timeouts: 0,
    serverErrors: 0,
    samples: [],
  };
}

/** A tag and the version it is of, as a client read it. */
interface Seen {
  readonly tag: string;
  readonly version: number;
}

/** A 2xx write, from the user it answered with. */
function winOf(user: number, base: number, response: HttpResponse): Win {
  const { version, name, age } = JSON.parse(response.body) as Omit<Win, 'user' | 'base'>;
  return { user, base, version, name, age };
}

const SAMPLES = 5;
/** How many old tags a client keeps per user for its stale writes. */
const OLD_TAGS = 8;

/**
 * One keep-alive connection and the client behind it, sending one request at
 * a time: reads, conditional reads (If-None-Match with the tag it holds, or
 * an old one), good writes (If-Match with the tag it holds, after reading
 * when it holds none) and stale writes (If-Match with a tag it knows is old).
 * A 2xx write is recorded as a {@link Win}; every answer is checked against
 * what the request may get.
 */
export class SoakClient {
  private readonly agent: http.Agent = oneConnection();
  private readonly current = new Map<number, Seen>();
  private readonly old = new Map<number, Seen[]>();
  private writesSent = 0;

  constructor(
    private readonly name: string,
    private readonly port: number,
    private readonly timeoutMs: number,
    private readonly users: readonly number[],
    private readonly tally: Tally,
    private readonly wins: Win[],
  ) {}

  /**
   * Sends requests until `until` (epoch ms), or until `stop` aborts (the
   * server is gone); the last one may end up to a request timeout later.
   * The connection stays open for the next run.
   */
  async run(until: number, stop: AbortSignal): Promise<void> {
    while (Date.now() < until && !stop.aborted) await this.step();
  }

  close(): void {
    this.agent.destroy();
  }

  private step(): Promise<void> {
    const user = this.users[Math.floor(Math.random() * this.users.length)]!;
    const roll = Math.random();
    if (roll < 0.3) return this.read(user);
    if (roll < 0.55) return this.conditionalRead(user);
    if (roll < 0.85) return this.goodWrite(user);
    return this.staleWrite(user);
  }

  private async read(user: number): Promise<void> {
    this.tally.reads++;
    const response = await this.exchange({ method: 'GET', path: `/users/${user}` }, [200]);
    if (response) this.learn(user, response);
  }

  private async conditionalRead(user: number): Promise<void> {
    const seen = this.current.get(user);
    const old = this.old.get(user) ?? [];
    if (!seen && old.length === 0) return this.read(user);
    this.tally.conditionalReads++;
    // An old tag never matches again (versions never repeat): only a 200 is right.
    const stale = !seen || Math.random() < 0.4 ? old[Math.floor(Math.random() * old.length)] : undefined;
    const tag = (stale ?? seen)!.tag;
    const request = { method: 'GET', path: `/users/${user}`, headers: [['If-None-Match', tag]] as const };
    const response = await this.exchange(request, stale ? [200] : [200, 304]);
    if (response?.status === 304) {
      this.tally.notModified++;
      if (response.headers.etag !== tag) this.error(request, response, `a 304 with ETag ${response.headers.etag}`);
    } else if (response) {
      this.learn(user, response);
    }
  }

  private async goodWrite(user: number): Promise<void> {
    if (!this.current.has(user)) await this.read(user);
    const base = this.current.get(user);
    if (!base) return;
    this.tally.writes++;
    const { request, expected } = this.write(user, base.tag);
    const response = await this.exchange(request, [200, 412]);
    // Either way the tag is old now: this write made a new version, or another one did.
    this.forget(user, base);
    if (response?.status === 412) this.tally.conflicts++;
    if (response?.status !== 200) return;
    this.tally.won++;
    const win = winOf(user, base.version, response);
    if (win.age !== expected.age || (expected.name !== undefined && win.name !== expected.name)) {
      this.error(request, response, `answered other values than sent`);
    }
    this.wins.push(win);
    this.learn(user, response);
  }

  private async staleWrite(user: number): Promise<void> {
    const old = this.old.get(user) ?? [];
    if (old.length === 0) return this.conditionalRead(user);
    const stale = old[Math.floor(Math.random() * old.length)]!;
    this.tally.staleWrites++;
    const { request } = this.write(user, stale.tag);
    const response = await this.exchange(request, [412]);
    // A stale tag that won is a lost update: into the ledger with it, where it breaks the user's chain.
    if (response && response.status >= 200 && response.status < 300)
      this.wins.push(winOf(user, stale.version, response));
  }

  /** A PUT of a whole user (with a name no other write sends) or a PATCH of its age, under `If-Match: tag`. */
  private write(user: number, tag: string): { request: HttpRequest; expected: { name?: string; age: number } } {
    const age = ++this.writesSent;
    const expected = Math.random() < 0.5 ? { name: `${this.name} write ${age}`, age } : { age };
    const method = expected.name === undefined ? 'PATCH' : 'PUT';
    const request = {
      method,
      path: `/users/${user}`,
      headers: [['If-Match', tag]] as const,
      body: JSON.stringify(expected),
    };
    return { request, expected };
  }

  /** Takes the user's version and tag from an answer; the tag held before becomes old if the version moved on. */
  private learn(user: number, response: HttpResponse): void {
    const { version } = JSON.parse(response.body) as { version: number };
    const held = this.current.get(user);
    if (held && held.version < version) this.forget(user, held);
    const tag = response.headers.etag;
    // A PUT answers without a tag (RFC 9110 §9.3.4): read again before the next good write.
    if (tag !== undefined && !(held && held.version > version)) this.current.set(user, { tag, version });
  }

  private forget(user: number, seen: Seen): void {
    if (this.current.get(user)?.tag === seen.tag) this.current.delete(user);
    const old = this.old.get(user) ?? [];
    if (!old.some((each) => each.tag === seen.tag)) this.old.set(user, [...old, seen].slice(-OLD_TAGS));
  }

  /** Sends and counts; `undefined` when it failed or got a status outside `expected` (counted, not thrown). */
  private async exchange(request: HttpRequest, expected: readonly number[]): Promise<HttpResponse | undefined> {
    this.tally.requests++;
    let response: HttpResponse;
    try {
      response = await send({ port: this.port, agent: this.agent, timeoutMs: this.timeoutMs }, request);
    } catch (error) {
      if (error instanceof HttpTimeoutError) this.tally.timeouts++;
      else this.tally.errors++;
      this.sample(`${request.method} ${request.path}: ${String(error)}`);
      return undefined;
    }
    if (response.status >= 500) {
      this.tally.serverErrors++;
      this.sample(`${request.method} ${request.path} → ${response.status} ${response.body.slice(0, 200)}`);
      return undefined;
    }
    if (!expected.includes(response.status)) {
      // A 2xx to a stale write is for the ledger to count, as the lost update it is.
      const staleWin = expected.length === 1 && expected[0] === 412 && response.status < 300;
      if (!staleWin) this.error(request, response, `expected ${expected.join(' or ')}`);
      return staleWin ? response : undefined;
    }
    return response;
  }

  private error(request: HttpRequest, response: HttpResponse, why: string): void {
    this.tally.errors++;
    this.sample(`${request.method} ${request.path} → ${response.status} ${response.body.slice(0, 200)}: ${why}`);
  }

  private sample(line: string): void {
    if (this.tally.samples.length < SAMPLES) this.tally.samples.push(`${this.name}: ${line}`);
  }
}
