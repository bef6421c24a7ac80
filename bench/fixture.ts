import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Platform } from '../sample/platform.js';
import { type Variant, VARIANTS } from './app.js';
import { type CaseKind, type casesOf, prepareCase } from './cases.js';
import { exchange, type Reply, type Request, type SliceResult } from './load.js';
import { bodyBytes, type Size } from './payload.js';
import { firstMessage, SERVER_FLAGS, startNode, stopChild } from './processes.js';

/** One server process: one build of the fixture app. */
export interface Server {
  readonly child: ChildProcess;
  readonly port: number;
}

/** The server processes of one platform: `processes` of each build of the fixture app. */
export type Servers = Map<Variant, readonly Server[]>;

/** Starts `processes` of every build of the fixture app on `platform`, on `core` when given. */
export async function startServers(platform: Platform, core: number | undefined, processes = 1): Promise<Servers> {
  const servers = new Map<Variant, Server[]>();
  const script = new URL('./server.js', import.meta.url);
  try {
    for (const variant of VARIANTS) {
      const started: Server[] = [];
      servers.set(variant, started);
      for (let i = 0; i < processes; i++) {
        const child = startNode(script, [platform, variant], core, SERVER_FLAGS);
        // Kept before it answers, so that a failure below stops it too.
        started.push({ child, port: 0 });
        const { port } = await firstMessage<{ port: number }>(child, `the ${platform} ${variant} server`);
        started[i] = { child, port };
      }
    }
  } catch (error) {
    await stopServers(servers);
    throw error;
  }
  return servers;
}

export async function stopServers(servers: Servers): Promise<void> {
  await Promise.all([...servers.values()].flat().map(({ child }) => stopChild(child)));
}

/**
 * A row's case on one server process: its request and first reply are the
 * process's own (the platform's file tag, say, is of its own copy's date).
 */
export interface ServerCase {
  readonly server: Server;
  readonly request: Request;
  readonly expect: Reply;
}

/** One row of a platform's table, with its results round by round. */
export interface Row {
  readonly kind: CaseKind;
  readonly size: Size | undefined;
  readonly variant: Variant;
  /** The case on each process of its build, in the order of {@link Servers}. */
  readonly targets: readonly ServerCase[];
  readonly rounds: SliceResult[];
  /** The server's CPU time over the measured rounds, in microseconds, when /proc tells it. */
  cpuMicros: number | undefined;
  errors: number;
  firstError?: string;
}

/** The rows of `cases` on the running servers, each checked by its first reply on every process (see prepareCase). */
export async function prepareRows(servers: Servers, cases: ReturnType<typeof casesOf>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const { kind, size } of cases) {
    const bytes = size === undefined ? undefined : bodyBytes(size);
    const targets: ServerCase[] = [];
    for (const server of servers.get(kind.variant)!) {
      const { request, expect } = await prepareCase(kind, size, bytes, (r) => exchange(server.port, r));
      targets.push({ server, request, expect });
    }
    rows.push({ kind, size, variant: kind.variant, targets, rounds: [], cpuMicros: 0, errors: 0 });
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
