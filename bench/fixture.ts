import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Platform } from '../sample/platform.js';
import { type Variant, VARIANTS } from './app.js';
import { type CaseKind, type casesOf, prepareCase } from './cases.js';
import { exchange, type Reply, type Request, type SliceResult } from './load.js';
import { bodyBytes, type Size } from './payload.js';
import { firstMessage, startNode, stopChild } from './processes.js';

/** The server processes of one platform: one per build of the fixture app. */
export type Servers = Map<Variant, { readonly child: ChildProcess; readonly port: number }>;

/** Starts every build of the fixture app on `platform`, on `core` when given. */
export async function startServers(platform: Platform, core: number | undefined): Promise<Servers> {
  const servers: Servers = new Map();
  const script = new URL('./server.js', import.meta.url);
  try {
    for (const variant of VARIANTS) {
      const child = startNode(script, [platform, variant], core);
      servers.set(variant, { child, port: 0 });
      const { port } = await firstMessage<{ port: number }>(child, `the ${platform} ${variant} server`);
      servers.set(variant, { child, port });
    }
  } catch (error) {
    await stopServers(servers);
    throw error;
  }
  return servers;
}

export async function stopServers(servers: Servers): Promise<void> {
  await Promise.all([...servers.values()].map(({ child }) => stopChild(child)));
}

/** One row of a platform's table, with its results round by round. */
export interface Row {
  readonly kind: CaseKind;
  readonly size: Size | undefined;
  readonly variant: Variant;
  readonly request: Request;
  readonly expect: Reply;
  readonly rounds: SliceResult[];
  /** The server's CPU time over the measured rounds, in microseconds, when /proc tells it. */
  cpuMicros: number | undefined;
  errors: number;
  firstError?: string;
}

/** The rows of `cases` on the running servers, each checked by its first reply (see prepareCase). */
export async function prepareRows(servers: Servers, cases: ReturnType<typeof casesOf>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const { kind, size } of cases) {
    const port = servers.get(kind.variant)!.port;
    const bytes = size === undefined ? undefined : bodyBytes(size);
    const { request, expect } = await prepareCase(kind, size, bytes, (r) => exchange(port, r));
    rows.push({ kind, size, variant: kind.variant, request, expect, rounds: [], cpuMicros: 0, errors: 0 });
  }
  return rows;
}

/** A row in words: `10 KB @Etag() 304`. */
export function describeRow(row: { readonly kind: CaseKind; readonly size: Size | undefined }): string {
  const payload = row.size?.label ?? row.kind.payload;
  return payload === undefined ? row.kind.label : `${payload} ${row.kind.label}`;
}

/** Counts a slice's errors into its row. */
export function tally(row: Row, result: SliceResult): void {
  row.errors += result.errors;
  row.firstError ??= result.firstError;
}

/**
 * The CPU time a process has used, every thread, user and system, in
 * microseconds: the sum of its threads' /proc/<pid>/task/<tid>/schedstat
 * (nanoseconds on a CPU), else fields 14 and 15 of /proc/<pid>/stat (ticks
 * of 1/100 s). `undefined` where there is no /proc (or no such process).
 */
export function processCpu(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    let nanoseconds = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      nanoseconds += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    }
    if (Number.isFinite(nanoseconds)) return nanoseconds / 1000;
  } catch {
    // no schedstat: the coarser ticks below
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}
