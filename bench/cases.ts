import type { Platform } from '../sample/platform.js';
import type { Variant } from './app.js';
import type { Reply, Request } from './load.js';
import { type Size, SIZES } from './payload.js';
import { atLeast, type Target } from './report.js';

/**
 * The rows of the table: what is requested of which build of the fixture
 * app (bench/app.ts), and what every reply must be.
 */
export interface CaseKind {
  readonly id: string;
  readonly label: string;
  readonly variant: Variant;
  /** Measured once per payload size, or once (`false`: no payload involved). */
  readonly sized: boolean;
  readonly method: 'GET' | 'DELETE';
  readonly path: (size: Size | undefined) => string;
  readonly status: 200 | 204 | 304 | 412;
  /** The reply's `ETag`: none, a strong or a weak tag, or whichever the platform makes. */
  readonly tag: 'none' | 'strong' | 'weak' | 'platform';
  /**
   * `revalidate`: send `If-None-Match` with the tag a plain GET of the path
   * gets; `stale`: send `If-Match` with a tag the resource does not have.
   */
  readonly condition?: 'revalidate' | 'stale';
}

const items = (size: Size | undefined): string => `/bench/${size!.key}`;
const tagged =
  (route: string) =>
  (size: Size | undefined): string =>
    `/tagged/${size!.key}/${route}`;

// Each group's first row is the one the others are compared with; the
// order is also the order of a round, so the builds alternate.
export const CASE_KINDS: readonly CaseKind[] = [
  {
    id: 'baseline',
    label: 'no ETag (baseline)',
    variant: 'plain',
    sized: true,
    method: 'GET',
    path: items,
    status: 200,
    tag: 'none',
  },
  {
    id: 'undecorated',
    label: 'undecorated, app imports the module',
    variant: 'module',
    sized: true,
    method: 'GET',
    path: items,
    status: 200,
    tag: 'none',
  },
  {
    id: 'own-200',
    label: "platform's own ETag 200",
    variant: 'platform',
    sized: true,
    method: 'GET',
    path: items,
    status: 200,
    tag: 'platform',
  },
  {
    id: 'strong-200',
    label: '@Etag() 200',
    variant: 'module',
    sized: true,
    method: 'GET',
    path: tagged('strong'),
    status: 200,
    tag: 'strong',
  },
  {
    id: 'fields-200',
    label: "@Etag({ fields: ['name'] }) 200",
    variant: 'module',
    sized: true,
    method: 'GET',
    path: tagged('fields'),
    status: 200,
    tag: 'weak',
  },
  {
    id: 'own-304',
    label: "platform's own ETag 304",
    variant: 'platform',
    sized: true,
    method: 'GET',
    path: items,
    status: 304,
    tag: 'platform',
    condition: 'revalidate',
  },
  {
    id: 'strong-304',
    label: '@Etag() 304',
    variant: 'module',
    sized: true,
    method: 'GET',
    path: tagged('strong'),
    status: 304,
    tag: 'strong',
    condition: 'revalidate',
  },
  {
    id: 'fields-304',
    label: "@Etag({ fields: ['name'] }) 304",
    variant: 'module',
    sized: true,
    method: 'GET',
    path: tagged('fields'),
    status: 304,
    tag: 'weak',
    condition: 'revalidate',
  },
  {
    id: 'current-304',
    label: '@Etag({ current }) 304',
    variant: 'module',
    sized: true,
    method: 'GET',
    path: tagged('current'),
    status: 304,
    tag: 'strong',
    condition: 'revalidate',
  },
  {
    id: 'empty',
    label: 'empty 204 (ceiling)',
    variant: 'plain',
    sized: false,
    method: 'GET',
    path: () => '/bench/empty',
    status: 204,
    tag: 'none',
  },
  {
    id: 'version-304',
    label: '@Etag({ current, version }) 304',
    variant: 'module',
    sized: false,
    method: 'GET',
    path: () => '/tagged/version',
    status: 304,
    tag: 'strong',
    condition: 'revalidate',
  },
  {
    id: 'version-412',
    label: '@Etag({ current, version }) 412',
    variant: 'module',
    sized: false,
    method: 'DELETE',
    path: () => '/tagged/version',
    status: 412,
    tag: 'strong',
    condition: 'stale',
  },
];

/** One row: a case kind at one size. */
export interface CaseRef {
  readonly id: string;
  /** The size's key (`'10kb'`), or `undefined` for a case without a payload. */
  readonly size: string | undefined;
}

/** Every row of one platform, in round order. */
export function casesOf(): { kind: CaseKind; size: Size | undefined }[] {
  const rows: { kind: CaseKind; size: Size | undefined }[] = [];
  for (const size of SIZES) {
    for (const kind of CASE_KINDS) if (kind.sized) rows.push({ kind, size });
  }
  for (const kind of CASE_KINDS) if (!kind.sized) rows.push({ kind, size: undefined });
  return rows;
}

/**
 * The request of a case, and the reply every request must get: the first
 * reply, checked against what the case promises (status, the shape of its
 * tag, the payload's length). `get` sends one request.
 */
export async function prepareCase(
  kind: CaseKind,
  size: Size | undefined,
  payloadBytes: number | undefined,
  get: (request: Request) => Promise<Reply>,
): Promise<{ request: Request; expect: Reply }> {
  const path = kind.path(size);
  let headers: Record<string, string> | undefined;
  if (kind.condition === 'revalidate') {
    const first = await get({ method: 'GET', path });
    if (first.status !== 200 || first.etag === undefined) {
      throw new Error(`GET ${path} answered ${first.status} with ETag ${first.etag}; cannot revalidate it`);
    }
    headers = { 'If-None-Match': first.etag };
  } else if (kind.condition === 'stale') {
    headers = { 'If-Match': '"stale"' };
  }
  const request: Request = { method: kind.method, path, headers };
  const expect = await get(request);
  const problem = checkFirst(kind, expect, headers?.['If-None-Match'], payloadBytes);
  if (problem !== undefined) throw new Error(`${kind.method} ${path} (${kind.label}): ${problem}`);
  return { request, expect };
}

function checkFirst(kind: CaseKind, reply: Reply, sent: string | undefined, payloadBytes: number | undefined) {
  if (reply.status !== kind.status) return `status ${reply.status}, expected ${kind.status}`;
  const shape = {
    none: (etag: string | undefined) => etag === undefined,
    strong: (etag: string | undefined) => etag !== undefined && /^"[^"]+"$/.test(etag),
    weak: (etag: string | undefined) => etag !== undefined && /^W\/"[^"]+"$/.test(etag),
    platform: (etag: string | undefined) => etag !== undefined,
  }[kind.tag];
  if (!shape(reply.etag)) return `ETag ${reply.etag}, expected ${kind.tag === 'platform' ? 'one' : kind.tag}`;
  if (sent !== undefined && reply.etag !== sent) return `ETag ${reply.etag} on a 304, expected the one sent, ${sent}`;
  if (kind.status === 200 && reply.bytes !== payloadBytes) return `${reply.bytes} body bytes, expected ${payloadBytes}`;
  if (kind.status === 412 && reply.bytes === 0) return 'a 412 without its problem details';
  if ((kind.status === 204 || kind.status === 304) && reply.bytes !== 0)
    return `${reply.bytes} body bytes on a ${kind.status}`;
  return undefined;
}

/**
 * The targets of issue #11 for one platform; `ratio(a, b)` is the median,
 * over the rounds, of a's requests per second over b's.
 */
export function judgeTargets(platform: Platform, ratio: (a: CaseRef, b: CaseRef) => number): Target[] {
  const targets: Target[] = [];
  const add = (text: string, a: CaseRef, b: CaseRef, goal: number): void => {
    targets.push(atLeast(text, ratio(a, b), goal));
  };
  const tagged200 = platform === 'express' ? 0.92 : 0.9;
  const [smallest] = SIZES;
  for (const { key, label } of SIZES) {
    const at = (id: string): CaseRef => ({ id, size: key });
    add(`${label}: undecorated route, app with the module ≥ without`, at('undecorated'), at('baseline'), 0.98);
    if (key !== smallest.key) {
      add(`${label}: @Etag() 200 ≥ baseline`, at('strong-200'), at('baseline'), tagged200);
      add(`${label}: fields 200 ≥ baseline`, at('fields-200'), at('baseline'), tagged200);
    }
    add(`${label}: @Etag() 200 ≥ platform's own 200`, at('strong-200'), at('own-200'), 1);
    for (const id of ['strong-304', 'fields-304', 'current-304']) {
      add(`${label}: ${id} ≥ baseline 200`, at(id), at('baseline'), 1);
      add(`${label}: ${id} ≥ platform's own 304`, at(id), at('own-304'), 1);
    }
  }
  // A version 304 sends no payload: held to the smallest size, where the others gain least.
  const version304 = { id: 'version-304', size: undefined };
  add(`version-304 ≥ baseline 200 (${smallest.label})`, version304, { id: 'baseline', size: smallest.key }, 1);
  add(`version-304 ≥ platform's own 304 (${smallest.label})`, version304, { id: 'own-304', size: smallest.key }, 1);
  const empty = { id: 'empty', size: undefined };
  add('version-304 ≥ empty 204', version304, empty, 0.8);
  add('version-412 ≥ empty 204', { id: 'version-412', size: undefined }, empty, 0.8);
  return targets;
}

/** A ratio the root README quotes: case `a` over case `b`, at each size, or once for the cases without a payload. */
export interface GlanceRow {
  readonly text: string;
  readonly a: string;
  readonly b: string;
}

export const GLANCE_SIZED: readonly GlanceRow[] = [
  { text: 'undecorated route, app with the module ÷ without', a: 'undecorated', b: 'baseline' },
  { text: "platform's own ETag 200 ÷ baseline", a: 'own-200', b: 'baseline' },
  { text: '`@Etag()` 200 ÷ baseline', a: 'strong-200', b: 'baseline' },
  { text: "`@Etag()` 200 ÷ platform's own 200", a: 'strong-200', b: 'own-200' },
  { text: '`fields` 200 ÷ baseline', a: 'fields-200', b: 'baseline' },
  { text: '`@Etag()` 304 ÷ baseline 200', a: 'strong-304', b: 'baseline' },
  { text: "`@Etag()` 304 ÷ platform's own 304", a: 'strong-304', b: 'own-304' },
  { text: '`fields` 304 ÷ baseline 200', a: 'fields-304', b: 'baseline' },
  { text: '`current` 304 ÷ baseline 200', a: 'current-304', b: 'baseline' },
  { text: "`current` 304 ÷ platform's own 304", a: 'current-304', b: 'own-304' },
];

export const GLANCE_ONCE: readonly GlanceRow[] = [
  { text: 'version validator 304 ÷ empty 204', a: 'version-304', b: 'empty' },
  { text: 'version validator 412 ÷ empty 204', a: 'version-412', b: 'empty' },
];
