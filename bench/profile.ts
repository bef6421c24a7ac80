import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Platform } from '../sample/platform.js';
import { CASE_KINDS, casesOf } from './cases.js';
import { describeRow, type Row, tally } from './fixture.js';
import type { LoadProcess } from './load-client.js';
import { ask } from './processes.js';
import type { ServerMessage } from './server.js';
import {
  type CpuProfile,
  factsFile,
  type ProfileFacts,
  type ProfiledRow,
  summariseProfile,
} from './profile-summary.js';
import type { Progress } from './progress.js';
import { SIZES } from './payload.js';

/**
 * `npm run bench -- --profile[=rows]`: each row's server under the bench's
 * load, profiled by V8's sampling profiler for one slice after a warm-up of
 * its own. Writes `<platform>/<row>.cpuprofile` (open it in Chrome DevTools
 * or summarise it with profile-summary.js), the facts of the slice beside it
 * (`.json`: the requests served), and `summary.md` with every row's summary.
 */

export interface ProfileSettings {
  /** Rows as `id` (every size) or `id@size`; empty: every row. */
  readonly rows: readonly { readonly id: string; readonly size: string | undefined }[];
  readonly seconds: number;
  readonly warmup: number;
  readonly intervalMicros: number;
  readonly connections: number;
}

/** Reads the rows of `--profile=strong-200@10kb,version-304`, failing with the names it knows. */
export function parseProfileRows(list: string): ProfileSettings['rows'] {
  if (list === '') return [];
  return list.split(',').map((item) => {
    const [id, size] = item.trim().split('@');
    const kind = CASE_KINDS.find((k) => k.id === id);
    if (kind === undefined) {
      throw new Error(`--profile: no case ${JSON.stringify(id)}; known: ${CASE_KINDS.map((k) => k.id).join(', ')}`);
    }
    if (size !== undefined && (!kind.sized || !SIZES.some((s) => s.key === size))) {
      const sizes = kind.sized ? `one of ${SIZES.map((s) => s.key).join(', ')}` : 'none: it is measured once';
      throw new Error(`--profile: ${id}@${size}: the size must be ${sizes}`);
    }
    return { id, size };
  });
}

/** The cases `settings.rows` selects, in round order. */
export function profiledCases(settings: ProfileSettings): ReturnType<typeof casesOf> {
  if (settings.rows.length === 0) return casesOf();
  return casesOf().filter(({ kind, size }) =>
    settings.rows.some((row) => row.id === kind.id && (row.size === undefined || row.size === size?.key)),
  );
}

/** Profiles each row of one platform, one after the other. */
export async function profilePlatform(
  platform: Platform,
  rows: readonly Row[],
  load: LoadProcess,
  settings: ProfileSettings,
  progress: Progress,
  folder: string,
): Promise<ProfiledRow[]> {
  await mkdir(path.join(folder, platform), { recursive: true });
  const profiled: ProfiledRow[] = [];
  for (const row of rows) {
    // A profile is of one process: the first of the build's.
    const [{ server, request, expect }] = row.targets;
    const { child, port } = server;
    const slice = (seconds: number) => load.run({ port, request, connections: settings.connections, seconds, expect });
    const what = `${platform} ${describeRow(row)}`;
    tally(row, await progress.step(`profile ${what}: warm-up`, settings.warmup, () => slice(settings.warmup)));
    const name = `${row.kind.id}${row.size === undefined ? '' : `@${row.size.key}`}`;
    const file = path.join(folder, platform, `${name}.cpuprofile`);
    const { result, cpuMicros } = await progress.step(`profile ${what}: profiling`, settings.seconds, async () => {
      await ask(child, { type: 'profile-start', intervalMicros: settings.intervalMicros }, what);
      const measured = await slice(settings.seconds);
      const stopped = await ask<ServerMessage, { cpuMicros: number }>(child, { type: 'profile-stop', file }, what);
      return { result: measured, cpuMicros: stopped.cpuMicros };
    });
    tally(row, result);
    row.rounds.push(result);
    const facts: ProfileFacts = {
      platform,
      case: row.kind.label,
      size: row.size?.label,
      requests: result.ok,
      seconds: result.seconds,
      cpuMicros,
      intervalMicros: settings.intervalMicros,
    };
    await writeFile(factsFile(file), `${JSON.stringify(facts, null, 2)}\n`);
    const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
    profiled.push({ platform, row: describeRow(row), file, summary: summariseProfile(profile, facts) });
  }
  return profiled;
}
