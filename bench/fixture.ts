import type { ChildProcess } from 'node:child_process';
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
    rows.push({ kind, size, variant: kind.variant, request, expect, rounds: [], errors: 0 });
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
