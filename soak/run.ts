/**
 * `npm run soak` (issue #10, item 6): the sample in a process of its own
 * (SQLite in a temporary folder) under SOAK_CONNECTIONS keep-alive
 * connections for SOAK_SECONDS, on each platform in turn, its tags keyed
 * with a secret unless SOAK_SECRET=off (issue #18). Prints requests,
 * errors, timeouts, 5xx, lost updates and the sample's resident memory, and
 * exits with 1 when any of the four is not 0 or memory grew by more than
 * 10 % from just after the warm-up to the end of the run.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Platform, PLATFORMS, platformFrom } from '../sample/platform.js';
import { openDatabase } from '../sample/store/sqlite.js';
import { SqliteUsersStore } from '../sample/store/sqlite-users.store.js';
import { oneConnection, portOf, send } from './http-client.js';
import { type Final, lostUpdates, type Win } from './lost-updates.js';
import { residentBytes, type SampleServer, startSample } from './sample-server.js';
import { emptyTally, SoakClient, type Tally } from './soak-client.js';

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!(Number.isFinite(value) && value > 0)) {
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

const SECONDS = positive('SOAK_SECONDS', 60);
const CONNECTIONS = Math.round(positive('SOAK_CONNECTIONS', 100));
const ON = (process.env.SOAK_PLATFORMS || PLATFORMS.join(',')).split(',').map((name) => platformFrom(name.trim()));
/**
 * The sample's ETAG_SECRET: a fresh random one unless SOAK_SECRET says
 * otherwise (`off` for none, or the secret itself, a comma-separated list to
 * rotate): keyed tags (HMAC) are what a deployment should run.
 */
const SECRET =
  process.env.SOAK_SECRET === 'off'
    ? undefined
    : process.env.SOAK_SECRET || `soak-${randomBytes(16).toString('base64url')}`;
/** Few enough users that writers collide all the time. */
const USERS = 20;
/** Far above any healthy answer; a request that takes longer is a timeout. */
const REQUEST_TIMEOUT_MS = 10_000;
/** The first sixth of the run, at most 10 s, warms the server up (JIT, pools, heap sizes). */
const WARM_UP_MS = Math.min(10_000, (SECONDS * 1000) / 6);
const SAMPLE_EVERY_MS = 250;
const MEMORY_GROWTH_LIMIT = 0.1;
/** A bound on one platform's run, whatever happens. */
const RUN_LIMIT_MS = SECONDS * 1000 + 120_000;

interface Memory {
  warm?: number;
  end?: number;
  peak: number;
}

/**
 * The sample's resident memory, read with the load paused, each time after
 * two full garbage collections a second apart. Under load it saws up and
 * down by a fifth between collections, and a collection with requests still
 * arriving frees little; paused, the reading repeats within a few percent.
 * `undefined` once the sample is gone.
 */
async function settledResidentBytes(server: SampleServer): Promise<number | undefined> {
  try {
    for (let i = 0; i < 2; i++) {
      await server.collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return residentBytes(server.pid);
  } catch {
    return undefined;
  }
}

interface Outcome {
  readonly platform: Platform;
  readonly tally: Tally;
  readonly wins: number;
  readonly lost: readonly string[];
  readonly memory: Memory;
  readonly crashed: string | undefined;
  readonly seconds: number;
}

/** Makes the users to soak (user 1 and USERS − 1 more); their versions now. */
async function seed(url: string): Promise<Map<number, number>> {
  const target = { port: portOf(url), agent: oneConnection(), timeoutMs: REQUEST_TIMEOUT_MS };
  const versions = new Map<number, number>();
  try {
    const first = await send(target, { method: 'GET', path: '/users/1' });
    if (first.status !== 200) throw new Error(`GET /users/1 answered ${first.status}: ${first.body}`);
    versions.set(1, (JSON.parse(first.body) as { version: number }).version);
    for (let i = 1; i < USERS; i++) {
      const created = await send(target, {
        method: 'POST',
        path: '/users',
        body: JSON.stringify({ name: `Soak ${i}`, age: 0 }),
      });
      if (created.status !== 201) throw new Error(`POST /users answered ${created.status}: ${created.body}`);
      const user = JSON.parse(created.body) as { id: number; version: number };
      versions.set(user.id, user.version);
    }
  } finally {
    target.agent.destroy();
  }
  return versions;
}

/** The users as the SQLite file holds them, read with the sample's own store once the server is gone. */
async function stored(database: string): Promise<Map<number, Final>> {
  const store = new SqliteUsersStore(openDatabase(database));
  try {
    return new Map((await store.list()).map((user) => [user.id, user]));
  } finally {
    await store.close();
  }
}

/** The sample running now and its folder, for a soak cut short to clean up. */
let running: { server?: SampleServer; readonly folder: string } | undefined;

async function soak(platform: Platform): Promise<Outcome> {
  const folder = mkdtempSync(join(tmpdir(), 'nestjs-etag-soak-'));
  const database = join(folder, 'users.db');
  let server: SampleServer | undefined;
  running = { folder };
  try {
    server = running.server = await startSample(platform, database, SECRET);
    const { pid } = server;
    const initial = await seed(server.url);
    const tally = emptyTally();
    const wins: Win[] = [];
    const memory: Memory = { peak: 0 };
    // Stops the clients when the sample exits, rather than have them fail as fast as they can.
    const gone = new AbortController();
    const sampler = setInterval(() => {
      try {
        memory.peak = Math.max(memory.peak, residentBytes(pid));
      } catch {
        // No /proc/<pid>/status, or no VmRSS in it: the process is gone.
      }
      if (server!.exited() !== undefined) gone.abort();
    }, SAMPLE_EVERY_MS);
    const users = [...initial.keys()];
    const clients = Array.from(
      { length: CONNECTIONS },
      (_, i) => new SoakClient(`client ${i}`, portOf(server!.url), REQUEST_TIMEOUT_MS, users, tally, wins),
    );
    // The warm-up, a pause to read memory, the rest of the run, and a last reading; the connections stay open.
    const runFor = async (milliseconds: number): Promise<number> => {
      const started = Date.now();
      await Promise.all(clients.map((client) => client.run(started + milliseconds, gone.signal)));
      return Date.now() - started;
    };
    let loaded = 0;
    try {
      loaded += await runFor(WARM_UP_MS);
      memory.warm = await settledResidentBytes(server);
      loaded += await runFor(SECONDS * 1000 - WARM_UP_MS);
      memory.end = await settledResidentBytes(server);
    } finally {
      for (const client of clients) client.close();
      clearInterval(sampler);
    }
    const seconds = loaded / 1000;
    const crashed = server.exited();
    await server.stop();
    const lost = lostUpdates(wins, initial, await stored(database));
    return { platform, tally, wins: wins.length, lost, memory, crashed, seconds };
  } finally {
    await server?.stop();
    running = undefined;
    rmSync(folder, { recursive: true, force: true });
  }
}

const mb = (bytes: number | undefined): string => (bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(1)} MB`);

/** Prints the outcome; returns what fails it, if anything. */
function report(outcome: Outcome): string[] {
  const { platform, tally, memory, lost } = outcome;
  const failures: string[] = [];
  if (outcome.crashed !== undefined) failures.push(`the sample exited (${outcome.crashed})`);
  if (tally.errors > 0) failures.push(`${tally.errors} errors`);
  if (tally.timeouts > 0) failures.push(`${tally.timeouts} timeouts`);
  if (tally.serverErrors > 0) failures.push(`${tally.serverErrors} 5xx`);
  if (lost.length > 0) failures.push(`${lost.length} lost updates`);
  const growth = memory.warm && memory.end ? (memory.end - memory.warm) / memory.warm : undefined;
  if (growth === undefined) failures.push('no memory reading');
  else if (growth > MEMORY_GROWTH_LIMIT) failures.push(`memory grew by ${(growth * 100).toFixed(1)} %`);

  const rate = Math.round(tally.requests / outcome.seconds);
  const lines = [
    `soak on ${platform}: ${CONNECTIONS} keep-alive connections for ${outcome.seconds.toFixed(1)} s, ${USERS} users, ` +
      `${SECRET === undefined ? 'no secret' : 'tags keyed with a secret'}`,
    `  requests      ${tally.requests} (${rate}/s): ${tally.reads} reads, ${tally.conditionalReads} conditional reads ` +
      `(${tally.notModified} × 304), ${tally.writes} good writes (${tally.won} won, ${tally.conflicts} × 412), ` +
      `${tally.staleWrites} stale writes`,
    `  errors        ${tally.errors}`,
    `  timeouts      ${tally.timeouts}`,
    `  5xx           ${tally.serverErrors}`,
    `  lost updates  ${lost.length} (of ${outcome.wins} writes answered 2xx)`,
    `  memory        VmRSS ${mb(memory.warm)} after ${(WARM_UP_MS / 1000).toFixed(1)} s of warm-up, ${mb(memory.end)} ` +
      `at the end${growth === undefined ? '' : ` (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %)`}, ` +
      `each read paused, after garbage collection; peak under load ${mb(memory.peak)}`,
    ...[...tally.samples, ...lost.slice(0, 5)].map((line) => `  ! ${line}`),
    `  verdict       ${failures.length === 0 ? 'ok' : `FAILED: ${failures.join(', ')}`}`,
  ];
  console.log(lines.join('\n'));
  return failures;
}

/** Kills the sample running now, if any, and removes its folder: the soak is being cut short. */
function killRunning(): void {
  const server = running?.server;
  if (server && server.exited() === undefined) process.kill(server.pid, 'SIGKILL');
  if (running) rmSync(running.folder, { recursive: true, force: true });
}

const watchdog = setTimeout(() => {
  console.error(`soak: still running after ${(ON.length * RUN_LIMIT_MS) / 1000} s; giving up`);
  killRunning();
  process.exit(2);
}, ON.length * RUN_LIMIT_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killRunning();
    process.exit(128 + constants.signals[signal]);
  });
}

let failed = false;
for (const platform of ON) {
  const failures = report(await soak(platform));
  failed ||= failures.length > 0;
}
process.exitCode = failed ? 1 : 0;
