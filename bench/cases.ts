import type { Platform } from '../sample/platform.js';
import type { Variant } from './app.js';
import type { Reply, Request } from './load.js';
import { FILE, type Size, SIZES } from './payload.js';
import { atLeast, type Target } from './report.js';

/**
 * The rows of the table: what is requested of which build of the fixture
 * app (bench/app.ts), and what every reply must be.
 */
export interface CaseKind {
  readonly id: string;
  readonly label: string;
  readonly variant: Variant;
  /** Measured once per payload size, or once (`false`: no JSON payload involved). */
  readonly sized: boolean;
  /** What a row measured once serves, for the table's payload column: the file rows' `1 MB file`. */
  readonly payload?: string;
  /** The body length of a 200 or 206 of a row measured once. */
  readonly bytes?: number;
  readonly method: 'GET' | 'DELETE';
  readonly path: (size: Size | undefined) => string;
  /** Header fields every request of the case sends (the file rows' `Range`). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly status: 200 | 204 | 206 | 304 | 412;
  /** The reply's `ETag`: none, a strong or a weak tag, or whichever the platform makes. */
  readonly tag: 'none' | 'strong' | 'weak' | 'platform';
  /** The platform's own counterpart of a case of the module, for the table's `× own` column. */
  readonly own?: string;
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
    own: 'own-200',
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
    own: 'own-200',
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
    own: 'own-304',
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
    own: 'own-304',
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
    own: 'own-304',
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
    // Issue #16 measures the version rows against "the empty 204 of the same server".
    id: 'empty-module',
    label: 'empty 204, app imports the module',
    variant: 'module',
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
  // Controls: the same version route written by hand (@Res()), no module.
  {
    id: 'by-hand-304',
    label: 'version 304 by hand (@Res(), no module)',
    variant: 'plain',
    sized: false,
    method: 'GET',
    path: () => '/bench/by-hand',
    status: 304,
    tag: 'strong',
    condition: 'revalidate',
  },
  {
    id: 'by-hand-412',
    label: 'version 412 by hand (@Res(), no module)',
    variant: 'plain',
    sized: false,
    method: 'DELETE',
    path: () => '/bench/by-hand',
    status: 412,
    tag: 'strong',
    condition: 'stale',
  },
  // The platform's own file serving (Express's res.sendFile, @fastify/static),
  // and the module's beside it (issue #20), on the same file and path.
  ...fileRows('own-file', "platform's own file", 'platform'),
  ...fileRows('file', '@Etag({ current: file, ranges }) file', 'module'),
];

/**
 * The three rows of one build's serving of {@link FILE}: its 200, its 304
 * (revalidated with the tag of the 200) and a 206 of 64 KB. The module's
 * rows are compared with the platform's (`own-file-…`).
 */
function fileRows(prefix: string, label: string, variant: 'platform' | 'module'): CaseKind[] {
  const own = variant === 'module' ? (status: number) => ({ own: `own-file-${status}` }) : () => ({});
  const row = { variant, sized: false, payload: FILE.label, method: 'GET', path: () => FILE.path } as const;
  const tag = variant === 'module' ? 'strong' : 'platform';
  return [
    { ...row, ...own(200), id: `${prefix}-200`, label: `${label} 200`, bytes: FILE.bytes, status: 200, tag },
    { ...row, ...own(304), id: `${prefix}-304`, label: `${label} 304`, status: 304, tag, condition: 'revalidate' },
    {
      ...row,
      ...own(206),
      id: `${prefix}-206`,
      label: `${label} 206 (${FILE.rangeLabel})`,
      bytes: FILE.rangeBytes,
      headers: { Range: FILE.range },
      status: 206,
      tag,
    },
  ];
}

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
  const headers: Record<string, string> = { ...kind.headers };
  if (kind.condition === 'revalidate') {
    const first = await get({ method: 'GET', path });
    if (first.status !== 200 || first.etag === undefined) {
      throw new Error(`GET ${path} answered ${first.status} with ETag ${first.etag}; cannot revalidate it`);
    }
    headers['If-None-Match'] = first.etag;
  } else if (kind.condition === 'stale') {
    headers['If-Match'] = '"stale"';
  }
  const request: Request = { method: kind.method, path, headers };
  const expect = await get(request);
  const problem = checkFirst(kind, expect, headers['If-None-Match'], payloadBytes ?? kind.bytes);
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
  if ((kind.status === 200 || kind.status === 206) && reply.bytes !== payloadBytes)
    return `${reply.bytes} body bytes, expected ${payloadBytes}`;
  if (kind.status === 412 && reply.bytes === 0) return 'a 412 without its problem details';
  if ((kind.status === 204 || kind.status === 304) && reply.bytes !== 0)
    return `${reply.bytes} body bytes on a ${kind.status}`;
  return undefined;
}

/**
 * One ratio issue #16 or #20 sets a goal for: case `a`'s requests per second over
 * case `b`'s, of the same size (or once, for the cases without a payload).
 */
export interface RatioTarget {
  /** The ratio in words, as the tables and the chart name it. */
  readonly text: string;
  readonly a: string;
  readonly b: string;
  /** The goal at each size (by key), or of the ratio measured once; a size without one has no target. */
  readonly goal: number | Readonly<Partial<Record<Size['key'], number>>>;
}

/**
 * The targets of issues #16 and #20, on both platforms. As issue #16 measures
 * them, a decorated route is compared with "the same server's undecorated
 * route" and a version row with "the empty 204 of the same server": two
 * builds' processes differ in speed for reasons of their own (how V8 and
 * glibc sized their memory by what else they served), which a ratio within
 * one process does not carry. What importing the module costs a route it
 * does not decorate is the first target, across the builds.
 */
export const RATIO_TARGETS: readonly RatioTarget[] = [
  { text: 'undecorated route, app with the module ÷ without', a: 'undecorated', b: 'baseline', goal: 0.98 },
  {
    text: '`@Etag()` 200 ÷ undecorated 200',
    a: 'strong-200',
    b: 'undecorated',
    goal: { '1kb': 0.95, '10kb': 0.92, '100kb': 0.88 },
  },
  { text: "`@Etag()` 200 ÷ platform's own 200", a: 'strong-200', b: 'own-200', goal: 1 },
  { text: '`fields` 200 ÷ `@Etag()` 200', a: 'fields-200', b: 'strong-200', goal: 1 },
  { text: "`@Etag()` 304 ÷ platform's own 304", a: 'strong-304', b: 'own-304', goal: 1 },
  { text: "`fields` 304 ÷ platform's own 304", a: 'fields-304', b: 'own-304', goal: 1 },
  { text: "`current` 304 ÷ platform's own 304", a: 'current-304', b: 'own-304', goal: 1 },
  { text: '`@Etag()` 304 ÷ undecorated 200', a: 'strong-304', b: 'undecorated', goal: { '10kb': 0.95, '100kb': 1 } },
  { text: '`fields` 304 ÷ undecorated 200', a: 'fields-304', b: 'undecorated', goal: { '10kb': 0.95, '100kb': 1 } },
  { text: '`current` 304 ÷ undecorated 200', a: 'current-304', b: 'undecorated', goal: { '10kb': 0.95, '100kb': 1 } },
  { text: 'version 304 ÷ empty 204', a: 'version-304', b: 'empty-module', goal: 0.85 },
  { text: 'version 412 ÷ empty 204', a: 'version-412', b: 'empty-module', goal: 0.8 },
  // Issue #20: revalidating a file costs no more than the platform's own file serving.
  { text: "file 304 ÷ platform's own file 304", a: 'file-304', b: 'own-file-304', goal: 1 },
];

/** One target judged on one platform, at one size (`undefined`: measured once). */
export interface JudgedTarget {
  readonly ratio: RatioTarget;
  readonly platform: Platform;
  readonly size: Size | undefined;
  readonly result: Target;
}

/** The empty 204 of a build, to compare its rows measured once with: its own where it serves one, else the plain build's. */
export function emptyOf(variant: Variant): string {
  return (
    CASE_KINDS.find((kind) => kind.variant === variant && !kind.sized && kind.path(undefined) === '/bench/empty')?.id ??
    'empty'
  );
}

/** Whether both cases of a ratio are measured once per size. */
export function isSized(ratio: { readonly a: string }): boolean {
  return CASE_KINDS.find((kind) => kind.id === ratio.a)!.sized;
}

/** The goal of a target at a size (`undefined` for one measured once), if it has one there. */
export function goalAt(target: RatioTarget, size: Size | undefined): number | undefined {
  if (typeof target.goal === 'number') return target.goal;
  return size === undefined ? undefined : target.goal[size.key];
}

/**
 * The targets of issues #16 and #20 on one platform; `ratio(a, b)` is the median,
 * over the rounds, of a's requests per second over b's.
 */
export function judgeTargets(platform: Platform, ratio: (a: CaseRef, b: CaseRef) => number): JudgedTarget[] {
  const judged: JudgedTarget[] = [];
  for (const target of RATIO_TARGETS) {
    for (const size of isSized(target) ? SIZES : [undefined]) {
      const goal = goalAt(target, size);
      if (goal === undefined) continue;
      const value = ratio({ id: target.a, size: size?.key }, { id: target.b, size: size?.key });
      const text = size === undefined ? target.text : `${size.label}: ${target.text}`;
      judged.push({ ratio: target, platform, size, result: atLeast(text, value, goal) });
    }
  }
  return judged;
}

/** A ratio the root README quotes: case `a` over case `b`, at each size, or once for the cases without a payload. */
export interface GlanceRow {
  readonly text: string;
  readonly a: string;
  readonly b: string;
}

/** Every ratio with a target, and for scale what the platform's own ETag costs. */
export const GLANCE: readonly GlanceRow[] = [
  ...RATIO_TARGETS.slice(0, 1),
  { text: "platform's own ETag 200 ÷ baseline", a: 'own-200', b: 'baseline' },
  { text: "platform's own ETag 304 ÷ baseline 200", a: 'own-304', b: 'baseline' },
  ...RATIO_TARGETS.slice(1),
  // The difference between the two builds' processes, where the targets compare within one.
  { text: '`@Etag()` 200 ÷ baseline (app without the module)', a: 'strong-200', b: 'baseline' },
  { text: 'empty 204, app with the module ÷ without', a: 'empty-module', b: 'empty' },
  // The floor under the version targets: the same answers written by hand, with no module (÷ the same server's 204).
  { text: 'version 304 by hand (`@Res()`, no module) ÷ empty 204', a: 'by-hand-304', b: 'empty' },
  { text: 'version 412 by hand (`@Res()`, no module) ÷ empty 204', a: 'by-hand-412', b: 'empty' },
  { text: "file 200 ÷ platform's own file 200 (1 MB)", a: 'file-200', b: 'own-file-200' },
  { text: "file 206 of 64 KB ÷ platform's own file 206", a: 'file-206', b: 'own-file-206' },
  { text: "platform's own file 304 ÷ its 200 (1 MB)", a: 'own-file-304', b: 'own-file-200' },
  { text: "platform's own file 206 of 64 KB ÷ its 200 (1 MB)", a: 'own-file-206', b: 'own-file-200' },
];
