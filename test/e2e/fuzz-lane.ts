/**
 * One lane of the HTTP fuzz: a client that sends hostile requests one at a
 * time, keeps an exact model of the users it owns, and judges every answer
 * against the model and the store. Lanes own disjoint ids (user 1 and users
 * created through them), so lanes run concurrently and each model stays exact.
 */
import { createHash } from 'node:crypto';
import type { HttpRequest, HttpResponse } from '../../soak/http-client.js';
import type { User } from '../../sample/users/user.js';
import {
  type Body,
  body,
  conditionField,
  type DateField,
  dateField,
  type FieldLines,
  type Random,
  type TagChoices,
} from './fuzz-values.js';

/** Every status the sample may answer a request with (issue #10): no 5xx, nothing else. */
export const ALLOWED_STATUSES = [200, 201, 204, 304, 400, 404, 409, 412, 428, 431];

/** Node's default limit on a request's head (`--max-http-header-size`); past it the answer is 431. */
const MAX_HEAD_BYTES = 16 * 1024;

/**
 * The opaque-tag the sample sends for `version` at `target` (the request
 * target as sent, query included): the module's version tag, SHA-1 over the
 * scope (no API version, then the target) and the version. The suite checks
 * it against every 200 and 304 it gets.
 */
export function versionTag(target: string, version: number): string {
  return createHash('sha1').update(` ${target}`).update('\n').update(String(version)).digest('base64url');
}

/** The list's version just before a request was sent and just after its answer. */
export interface ListVersions {
  readonly before: number;
  readonly after: number;
}

/** What the lanes of one app share. */
export interface Shared {
  /** Every id any lane owns. */
  readonly owned: Set<number>;
  /**
   * The list's `Last-Modified` (epoch seconds) after the last answer: the
   * dates sent to `/users` are near it, not near the clock, so that one lane
   * replays a run exactly.
   */
  listModified: number;
}

type Method = 'GET' | 'HEAD' | 'PUT' | 'PATCH' | 'DELETE' | 'POST';

/** Where a request goes, as far as the model is concerned. */
type Target =
  /** A user the lane owns (or could create), by a path the users routes read as that id. */
  | { readonly kind: 'user'; readonly id: number; readonly path: string; readonly exactRoute: boolean }
  /** `/users/:id/profile` or `/account` of a lane's user: other tags, reads only. */
  | { readonly kind: 'view'; readonly id: number; readonly path: string }
  | { readonly kind: 'list'; readonly path: '/users' }
  /** A path no lane's user is behind: a bad id or no route. */
  | { readonly kind: 'elsewhere'; readonly path: string };

/** A request and what the lane knew when it planned it. */
export interface Planned {
  readonly method: Method;
  readonly target: Target;
  readonly request: HttpRequest;
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly ifUnmodifiedSince?: DateField;
  readonly ifModifiedSince?: DateField;
  readonly body?: Body;
  /** The status an honest request must get. */
  readonly expect?: number;
  /** The head is past Node's limit: a 431, or a connection closed before the answer. */
  readonly oversize: boolean;
  /** How many condition fields it carries. */
  readonly conditions: number;
}

const READ_PATHS = ['profile', 'account'];
const ELSEWHERE = [
  '/users/0',
  '/users/abc',
  '/users/-1',
  '/users/1.5',
  '/users/01',
  '/users/9007199254740992',
  '/users/%00',
  '/users/1%2F2',
  '/users/1/nope',
  '/nope',
];
/** Above every id a lane makes up, below every id `POST /users` hands out (see the suite's set-up). */
export const ID_BARRIER = 999_999_999;

function joined(field: FieldLines | undefined): string | undefined {
  return field?.lines.join(', ');
}

/** A field value that is `*` alone, with OWS around it (RFC 9110 §13.1.1). */
function isStar(value: string): boolean {
  return value.replace(/^[ \t]+|[ \t]+$/g, '') === '*';
}

/**
 * Whether `value` names `opaque` as a strong tag. In a well-formed list a
 * DQUOTE only ever delimits a tag, so when the quoted opaque is nowhere in the
 * value, no element of it is that tag (a malformed value is a 400 anyway).
 */
function namesStrong(value: string, opaque: string): boolean {
  const quoted = `"${opaque}`;
  for (let at = value.indexOf(quoted); at >= 0; at = value.indexOf(quoted, at + 1)) {
    if (value.slice(Math.max(0, at - 2), at) !== 'W/' && codedEnd(value, at + quoted.length)) return true;
  }
  return false;
}

function names(value: string, opaque: string): boolean {
  const quoted = `"${opaque}`;
  for (let at = value.indexOf(quoted); at >= 0; at = value.indexOf(quoted, at + 1)) {
    if (codedEnd(value, at + quoted.length)) return true;
  }
  return false;
}

// The module's tags never hold a dot: one a client lists may carry the codings a compressor appended
// (RFC 9110 §8.8.3), and names the same version. Written from the RFC's registry, not from the module.
const CODED_END = /^(\.(gzip|x-gzip|deflate|br|zstd|compress|x-compress))*"/;

function codedEnd(value: string, at: number): boolean {
  return CODED_END.test(value.slice(at, at + 64));
}

/** The tag a 304 may carry: the current one, or the coded form of it the client revalidated with. */
function heldForm(etag: string | undefined, current: string): boolean {
  return (
    etag === `"${current}"` ||
    (etag !== undefined && etag.startsWith(`"${current}.`) && codedEnd(etag, current.length + 1))
  );
}

/**
 * Whether both platforms' JSON parsers take the body: they run before any
 * guard, so a body they refuse is a 400 before the 428 could be.
 * Express's takes objects and arrays only; Fastify's refuses `__proto__`
 * and `constructor` keys.
 */
function parsesOnBoth(body: Body | undefined): boolean {
  if (body === undefined) return true;
  if (body.text === '' || /"(__proto__|constructor)"/.test(body.text)) return false;
  try {
    const parsed: unknown = JSON.parse(body.text);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}

function lastModifiedOf(user: User): number {
  return Math.floor(Date.parse(user.updatedAt) / 1000);
}

function headBytes(request: HttpRequest): number {
  const fields = (request.headers ?? []).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
  // The request line, Host, Connection, Content-Type and Content-Length the client adds.
  return request.method.length + request.path.length + 160 + fields;
}

function short(text: string): string {
  const shown = JSON.stringify(text);
  return shown.length > 120 ? `${shown.slice(0, 117)}…(${text.length} chars)` : shown;
}

/** One line that says what was sent, long values cut short. */
export function describeRequest(planned: Planned): string {
  const { request } = planned;
  const headers = (request.headers ?? []).map(([name, value]) => `${name}: ${short(value)}`);
  const sent = request.body === undefined ? '' : ` body ${short(request.body)}`;
  return `${request.method} ${request.path} [${headers.join('; ')}]${sent}`;
}

export class Lane {
  /** The lane's users by id; `undefined` for an id it owns that does not exist (deleted, or never created). */
  private readonly users = new Map<number, User | undefined>();
  /** Tags each user had before its current version. */
  private readonly staleTags = new Map<number, string[]>();
  private nextFreshId: number;
  /** The highest version each id has had: a user's versions only ever grow, across a delete and a re-create too. */
  private readonly highest = new Map<number, number>();
  /** 2xx writes, to check the list's version (the sum of every user's) against. */
  accepted = 0;
  readonly statuses = new Map<number, number>();
  conditionFields = 0;

  constructor(
    private readonly random: Random,
    firstFreshId: number,
    private readonly shared: Shared,
    initial: readonly User[] = [],
  ) {
    this.nextFreshId = firstFreshId;
    for (const user of initial) this.own(user.id, user);
  }

  /** The users the lane holds now. */
  liveUsers(): User[] {
    return [...this.users.values()].filter((user): user is User => user !== undefined);
  }

  private own(id: number, user: User | undefined): void {
    this.users.set(id, user);
    this.shared.owned.add(id);
    if (user) this.highest.set(id, Math.max(this.highest.get(id) ?? 0, user.version));
  }

  private freshId(): number {
    const id = this.nextFreshId++;
    this.own(id, undefined);
    return id;
  }

  // -------------------------------------------------------------------------
  // Planning

  /** The next request: an honest one (a quarter of them), whose status is known, or a hostile one. */
  plan(): Planned {
    const random = this.random;
    const live = this.liveUsers();
    // Keep a few users to write to: mostly create-only PUTs of new ids, judged exactly.
    if (live.length < 2 && random.chance(0.5)) return this.honestCreate();
    return random.chance(0.25) ? this.honest(live) : this.hostile(live);
  }

  private honestCreate(): Planned {
    const id = this.freshId();
    const fields = { name: `Lane user ${id}`, age: this.random.int(0, 99) };
    const created: Body = { text: JSON.stringify(fields), fields, validFor: ['PUT', 'PATCH', 'POST'] };
    return this.build('PUT', this.userTarget(id, `/users/${id}`), {
      ifNoneMatch: { lines: ['*'] },
      body: created,
      expect: 201,
    });
  }

  /** A request whose status RFC 9110 and the sample's contract fix: catches false refusals. */
  private honest(live: readonly User[]): Planned {
    const random = this.random;
    if (live.length === 0) return this.honestCreate();
    const user = random.pick(live);
    const path = `/users/${user.id}`;
    const target = this.userTarget(user.id, path);
    const current = versionTag(path, user.version);
    const stale = this.staleTags.get(user.id) ?? [];
    // The current tag among others, in a well-formed list.
    const among = (): FieldLines => {
      const others = Array.from({ length: random.int(0, 3) }, () => `"${random.pick([...stale, 'x', ''])}"`);
      others.splice(random.int(0, others.length), 0, `"${current}"`);
      return { lines: [others.join(random.pick([', ', ',', ' ,\t']))] };
    };
    const full = (): Body => {
      const fields = { name: `Honest ${random.int(0, 999)}`, age: random.int(0, 120) };
      return { text: JSON.stringify(fields), fields, validFor: ['PUT', 'PATCH', 'POST'] };
    };
    const read = random.pick<'GET' | 'HEAD'>(['GET', 'HEAD']);
    return random.weighted<Planned>([
      [3, () => this.build(read, target, { expect: 200 })],
      [3, () => this.build(read, target, { ifNoneMatch: among(), expect: 304 })],
      [
        1,
        () =>
          this.build(read, target, {
            ifModifiedSince: {
              lines: [new Date(lastModifiedOf(user) * 1000).toUTCString()],
              instant: lastModifiedOf(user),
            },
            expect: 304,
          }),
      ],
      [
        1,
        () => {
          const absent = this.freshId();
          return this.build(read, this.userTarget(absent, `/users/${absent}`), { expect: 404 });
        },
      ],
      [3, () => this.build('PUT', target, { ifMatch: among(), body: full(), expect: 200 })],
      [
        3,
        () => {
          const fields = random.chance(0.5) ? { age: random.int(0, 120) } : { name: `Patched ${random.int(0, 999)}` };
          const patch: Body = { text: JSON.stringify(fields), fields, validFor: ['PATCH'] };
          return this.build('PATCH', target, { ifMatch: among(), body: patch, expect: 200 });
        },
      ],
      [1, () => this.build('DELETE', target, { ifMatch: among(), expect: 204 })],
      [
        2,
        () => {
          const method = random.pick<'PUT' | 'PATCH' | 'DELETE'>(['PUT', 'PATCH', 'DELETE']);
          const old = stale.length > 0 ? random.pick(stale) : versionTag(path, 0);
          const sent = method === 'DELETE' ? undefined : full();
          return this.build(method, target, { ifMatch: { lines: [`"${old}"`] }, body: sent, expect: 412 });
        },
      ],
      [1, () => this.build(random.pick(['PUT', 'PATCH'] as const), target, { body: full(), expect: 428 })],
      [1, () => this.build('POST', { kind: 'list', path: '/users' }, { body: full(), expect: 201 })],
    ]);
  }

  /** A random method, target, condition fields and body. */
  private hostile(live: readonly User[]): Planned {
    const random = this.random;
    const method = random.weighted<Method>([
      [22, () => 'GET'],
      [8, () => 'HEAD'],
      [22, () => 'PUT'],
      [20, () => 'PATCH'],
      [10, () => 'DELETE'],
      [10, () => 'POST'],
    ]);
    const target = method === 'POST' ? this.postTarget() : this.anyTarget(method, live);
    const id = target.kind === 'user' || target.kind === 'view' ? target.id : undefined;
    const user = id === undefined ? undefined : this.users.get(id);
    const tags = this.tagChoices(target, user);
    // Near the target's Last-Modified; for a target without one the dates are ignored, whatever they are.
    const around = user ? lastModifiedOf(user) : this.shared.listModified;

    const conditional = random.chance(0.92);
    const fields = {
      ifMatch: random.chance(0.45) ? conditionField(random, tags) : undefined,
      ifNoneMatch: random.chance(0.4) ? conditionField(random, tags) : undefined,
      ifUnmodifiedSince: random.chance(0.2) ? dateField(random, around) : undefined,
      ifModifiedSince: random.chance(0.2) ? dateField(random, around) : undefined,
    };
    if (conditional && Object.values(fields).every((field) => field === undefined)) {
      fields.ifMatch = conditionField(random, tags);
    }
    const sendsBody = method === 'PUT' || method === 'PATCH' || method === 'POST' || random.chance(0.1);
    return this.build(method, target, { ...fields, body: sendsBody ? body(random, id) : undefined });
  }

  private postTarget(): Target {
    return this.random.chance(0.9)
      ? { kind: 'list', path: '/users' }
      : { kind: 'elsewhere', path: this.random.pick(ELSEWHERE) };
  }

  private anyTarget(method: Method, live: readonly User[]): Target {
    const random = this.random;
    const read = method === 'GET' || method === 'HEAD';
    return random.weighted<Target>([
      [80, () => this.someUser(live)],
      [read ? 8 : 2, () => (read ? { kind: 'list', path: '/users' } : { kind: 'elsewhere', path: '/users' })],
      [read ? 5 : 0, () => this.view(live)],
      [6, () => ({ kind: 'elsewhere', path: random.pick(ELSEWHERE) })],
    ]);
  }

  /** A live user mostly; else an id the lane owns that does not exist, or a new one. */
  private someUser(live: readonly User[]): Target {
    const random = this.random;
    const absent = [...this.users].filter(([, user]) => user === undefined).map(([id]) => id);
    const id =
      live.length > 0 && random.chance(0.75)
        ? random.pick(live).id
        : absent.length > 0 && random.chance(0.6)
          ? random.pick(absent)
          : this.freshId();
    // Other spellings of the same target: a query (another URI, so another tag), a
    // percent-encoded digit, a trailing slash (a route on Express, none on Fastify).
    const path = random.weighted<[string, boolean]>([
      [90, () => [`/users/${id}`, true]],
      [4, () => [`/users/${id}?v=${random.int(0, 9)}`, true]],
      [3, () => [`/users/%3${String(id)[0]}${String(id).slice(1)}`, true]],
      [3, () => [`/users/${id}/`, false]],
    ]);
    return { kind: 'user', id, path: path[0], exactRoute: path[1] };
  }

  private view(live: readonly User[]): Target {
    if (live.length === 0) return { kind: 'list', path: '/users' };
    const id = this.random.pick(live).id;
    return { kind: 'view', id, path: `/users/${id}/${this.random.pick(READ_PATHS)}` };
  }

  private userTarget(id: number, path: string): Target {
    return { kind: 'user', id, path, exactRoute: true };
  }

  private tagChoices(target: Target, user: User | undefined): TagChoices {
    const others = this.liveUsers()
      .slice(0, 5)
      .map((other) => versionTag(`/users/${other.id}`, other.version));
    if (target.kind !== 'user' || user === undefined) {
      return {
        current: undefined,
        stale: target.kind === 'user' ? (this.staleTags.get(target.id) ?? []) : [],
        other: others,
      };
    }
    // The tag of the path as sent, and now and then the canonical path's (another URI's, for a variant path).
    const path = this.random.chance(0.9) ? target.path : `/users/${target.id}`;
    return { current: versionTag(path, user.version), stale: this.staleTags.get(target.id) ?? [], other: others };
  }

  private build(
    method: Method,
    target: Target,
    parts: {
      ifMatch?: FieldLines;
      ifNoneMatch?: FieldLines;
      ifUnmodifiedSince?: DateField;
      ifModifiedSince?: DateField;
      body?: Body;
      expect?: number;
    },
  ): Planned {
    const headers: [string, string][] = [];
    const add = (name: string, field: FieldLines | undefined): void => {
      for (const line of field?.lines ?? []) headers.push([name, line]);
    };
    add('If-Match', parts.ifMatch);
    add('If-None-Match', parts.ifNoneMatch);
    add('If-Unmodified-Since', parts.ifUnmodifiedSince);
    add('If-Modified-Since', parts.ifModifiedSince);
    const request: HttpRequest = { method, path: target.path, headers, body: parts.body?.text };
    const conditions = [parts.ifMatch, parts.ifNoneMatch, parts.ifUnmodifiedSince, parts.ifModifiedSince].filter(
      (field) => field !== undefined,
    ).length;
    return {
      method,
      target,
      request,
      ifMatch: joined(parts.ifMatch),
      ifNoneMatch: joined(parts.ifNoneMatch),
      ifUnmodifiedSince: parts.ifUnmodifiedSince,
      ifModifiedSince: parts.ifModifiedSince,
      body: parts.body,
      expect: parts.expect,
      oversize: headBytes(request) > MAX_HEAD_BYTES - 256,
      conditions,
    };
  }

  // -------------------------------------------------------------------------
  // Judging

  /**
   * What is wrong with the answer, given the store's users after it (all of
   * them, by id); updates the model to the store when all is right.
   * `list`: the list's version just before it was sent and just after its answer.
   */
  judge(planned: Planned, response: HttpResponse, stored: ReadonlyMap<number, User>, list: ListVersions): string[] {
    const { status } = response;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    this.conditionFields += planned.conditions;
    const problems: string[] = [];
    const fail = (message: string): void => void problems.push(message);

    if (!ALLOWED_STATUSES.includes(status)) fail(`status ${status} is not one of ${ALLOWED_STATUSES.join(', ')}`);
    if (status === 431 && !planned.oversize) fail('431 for a head within the limit');
    if (planned.expect !== undefined && status !== planned.expect) fail(`expected ${planned.expect}`);
    if (planned.method === 'HEAD' && response.body !== '') fail('a HEAD answer with a body');
    if (status === 304 && response.body !== '') fail('a 304 with a body');
    if (status === 304 && planned.ifNoneMatch === undefined && planned.ifModifiedSince === undefined) {
      fail('304 to a request with neither If-None-Match nor If-Modified-Since');
    }
    const accepted = status >= 200 && status < 300;
    const write = planned.method !== 'GET' && planned.method !== 'HEAD';
    if (accepted && write) this.accepted++;

    const { target } = planned;
    let changed: number | undefined;
    if (target.kind === 'user') {
      problems.push(...this.judgeUser(planned, target, response, stored));
      if (accepted && write) changed = target.id;
    } else if (target.kind === 'view') {
      const exists = this.users.get(target.id) !== undefined;
      if ((status === 200 || status === 304) && !exists) fail(`${status} for a user that does not exist`);
      if (status === 404 && exists) fail('404 for a user that exists');
    } else if (target.kind === 'list') {
      if (planned.method === 'POST') problems.push(...this.judgePost(planned, response, stored, list));
      else if (status === 200 && planned.method === 'GET' && !Array.isArray(JSON.parse(response.body))) {
        fail('GET /users is not an array');
      }
    } else if (accepted) {
      fail(`${status} from a path that addresses no user`);
    }

    // Nothing else the lane owns changed: a refused write changed nothing at all.
    for (const [id, before] of this.users) {
      if (id === changed) continue;
      const after = stored.get(id);
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        fail(`user ${id} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
      }
    }
    if (problems.length === 0 && changed !== undefined) this.record(changed, stored.get(changed));
    return problems;
  }

  private judgeUser(
    planned: Planned,
    target: Extract<Target, { kind: 'user' }>,
    response: HttpResponse,
    stored: ReadonlyMap<number, User>,
  ): string[] {
    const problems: string[] = [];
    const fail = (message: string): void => void problems.push(message);
    const { method, ifMatch, ifNoneMatch, ifUnmodifiedSince } = planned;
    const { status } = response;
    const before = this.users.get(target.id);
    const current = before && versionTag(target.path, before.version);
    const accepted = status >= 200 && status < 300;

    if (method === 'GET' || method === 'HEAD') {
      if (!target.exactRoute) return problems;
      if ((status === 200 || status === 304) && !before) fail(`${status} for a user that does not exist`);
      if (status === 404 && before) fail('404 for a user that exists');
      if ((status === 200 || status === 304) && before) {
        const etag = response.headers.etag;
        const held = status === 304 ? heldForm(etag, current!) : etag === `"${current}"`;
        if (!held) fail(`ETag ${etag}, expected "${current}"`);
        if (method === 'GET' && status === 200 && response.body !== JSON.stringify(before)) {
          fail(`GET sent ${response.body}, the store holds ${JSON.stringify(before)}`);
        }
      }
      return problems;
    }

    // RFC 6585 §3, as the sample requires: PUT and PATCH need If-Match, or If-None-Match: * to create.
    if (
      (method === 'PUT' || method === 'PATCH') &&
      target.exactRoute &&
      !planned.oversize &&
      parsesOnBoth(planned.body) &&
      ifMatch === undefined &&
      !(ifNoneMatch !== undefined && isStar(ifNoneMatch)) &&
      status !== 428
    ) {
      fail('a PUT or PATCH without If-Match (or If-None-Match: *) must be 428');
    }
    if (!accepted) return problems;

    // A write went through: every condition that forbids it is a lost update.
    if (ifMatch !== undefined && (!before || (!isStar(ifMatch) && !namesStrong(ifMatch, current!)))) {
      fail(`accepted although If-Match does not hold (current tag ${current ? `"${current}"` : 'none'})`);
    }
    if (ifNoneMatch !== undefined && before && (isStar(ifNoneMatch) || names(ifNoneMatch, current!))) {
      fail(`accepted although If-None-Match does not hold (current tag "${current}")`);
    }
    const unmodified = ifUnmodifiedSince?.instant;
    if (ifMatch === undefined && unmodified !== undefined && before && lastModifiedOf(before) > unmodified) {
      fail(`accepted although If-Unmodified-Since ${unmodified} is before Last-Modified ${lastModifiedOf(before)}`);
    }
    if ((method === 'PATCH' || method === 'DELETE') && !before) fail('accepted for a user that does not exist');

    // And exactly that change happened.
    const after = stored.get(target.id);
    if (method === 'DELETE') {
      if (status !== 204) fail(`DELETE answered ${status}, expected 204`);
      if (after) fail(`deleted, yet the store holds ${JSON.stringify(after)}`);
      return problems;
    }
    const { body } = planned;
    if (!body || !(body.validFor.includes(method) || body.eitherFor?.includes(method))) {
      fail(`accepted a body ${method} must refuse`);
      return problems;
    }
    if (method === 'PUT' && status !== (before ? 200 : 201))
      fail(`PUT answered ${status} for a user that ${before ? 'exists' : 'did not exist'}`);
    const expected = { id: target.id, name: before?.name, age: before?.age, ...body.fields };
    if (!after) return [...problems, 'accepted, yet the user is not in the store'];
    if (after.name !== expected.name || after.age !== expected.age) {
      fail(`stored ${JSON.stringify(after)}, expected name ${JSON.stringify(expected.name)} and age ${expected.age}`);
    }
    const highest = this.highest.get(target.id) ?? 0;
    if (!(after.version > highest)) fail(`new version ${after.version} is not above ${highest}, the user's highest`);
    if (response.body !== JSON.stringify(after))
      fail(`answered ${response.body}, the store holds ${JSON.stringify(after)}`);
    return problems;
  }

  private judgePost(
    planned: Planned,
    response: HttpResponse,
    stored: ReadonlyMap<number, User>,
    list: ListVersions,
  ): string[] {
    if (response.status !== 201)
      return response.status >= 200 && response.status < 300 ? [`POST answered ${response.status}`] : [];
    const problems: string[] = [];
    const fail = (message: string): void => void problems.push(message);
    const created = JSON.parse(response.body) as User;
    const { body, ifMatch, ifNoneMatch } = planned;
    if (!body?.validFor.includes('POST')) fail('accepted a body POST must refuse');
    if (this.shared.owned.has(created.id)) fail(`created id ${created.id}, which was already taken`);
    if (JSON.stringify(stored.get(created.id)) !== response.body) {
      fail(`answered ${response.body}, the store holds ${JSON.stringify(stored.get(created.id))}`);
    }
    if (created.name !== body?.fields.name || created.age !== body?.fields.age) fail('stored other values than sent');
    if (created.version !== 1) fail(`a new user's version is ${created.version}, not 1: POST took an id used before`);
    // The list was judged at some version from the one before the request to the one before the create's own +1
    // (other lanes write meanwhile): a condition is false only if it is false for every one of them.
    const judged = Array.from({ length: Math.max(list.after - list.before, 1) }, (_, i) =>
      versionTag('/users', list.before + i),
    );
    if (ifMatch !== undefined && !isStar(ifMatch) && !judged.some((tag) => namesStrong(ifMatch, tag))) {
      fail(`accepted although If-Match names none of the list's tags "${judged.join('", "')}"`);
    }
    if (ifNoneMatch !== undefined && (isStar(ifNoneMatch) || judged.every((tag) => names(ifNoneMatch, tag)))) {
      fail(`accepted although If-None-Match names the list's tag "${judged.join('", "')}" (or *)`);
    }
    if (problems.length === 0) this.own(created.id, stored.get(created.id));
    return problems;
  }

  private record(id: number, user: User | undefined): void {
    const before = this.users.get(id);
    if (before)
      this.staleTags.set(id, [...(this.staleTags.get(id) ?? []), versionTag(`/users/${id}`, before.version)].slice(-4));
    this.own(id, user);
  }
}
