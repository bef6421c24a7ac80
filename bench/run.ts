import http from 'node:http';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { PLATFORMS, type Platform } from '../sample/platform.js';
import { type LoadOptions, type Reply, runLoad, send, type Target } from './load.js';
import { bodyBytes, type Size, SIZES } from './payload.js';

// Requests per second of the fixture app (bench/app.ts) on Express and
// Fastify, without and with @Etag(). See bench/README.md.

const SECONDS = readSeconds(process.env.BENCH_SECONDS, 2);
// Each case's time is split into this many slices, taken in turns with the
// other routes of its platform and size, so that the machine slowing down
// (or JIT settling) hits every route alike, not just whichever ran then.
const ROUNDS = 4;
// Every case of a platform runs this long, unmeasured, before any is
// measured: the JIT needs a few seconds in all, and otherwise the first case
// (the baseline) would pay for compiling code the later ones share.
const WARMUP_SECONDS = Math.min(0.5, SECONDS / 4);
const CONCURRENCY = 32;

interface Route {
  readonly name: string;
  readonly path: string;
  /** What the ETag header of a reply must look like. */
  readonly etag: 'none' | 'strong' | 'weak';
  /** Send `If-None-Match` with the route's current tag: every reply is a 304. */
  readonly revalidate?: boolean;
}

// The baseline first: the other rows are compared with it.
const ROUTES: readonly Route[] = [
  { name: 'baseline (no decorator)', path: 'baseline', etag: 'none' },
  { name: '@Etag()', path: 'strong', etag: 'strong' },
  { name: "@Etag({ weak, fields: ['name'] })", path: 'weak-fields', etag: 'weak' },
  { name: '@Etag() + If-None-Match -> 304', path: 'strong', etag: 'strong', revalidate: true },
];

const COLUMNS = [
  { title: 'platform', width: 8 },
  { title: 'size', width: 6 },
  { title: 'route', width: 34 },
  { title: 'req/s', width: 8, right: true },
  { title: 'vs baseline', width: 11, right: true },
  { title: 'errors', width: 6, right: true },
];

const cpus = os.cpus();
console.log(
  `nestjs-etag bench: ${SECONDS} s per case in ${ROUNDS} slices, after a ${WARMUP_SECONDS} s warm-up of each; ` +
    `${CONCURRENCY} requests in flight; Node ${process.version}; ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}`,
);
console.log();
printRow(COLUMNS.map((column) => column.title));
printRow(COLUMNS.map((column) => '-'.repeat(column.width)));

/** One row of the table: a route at one size, on the platform being measured. */
interface Case {
  readonly size: Size;
  readonly route: Route;
  readonly load: LoadOptions;
  ok: number;
  errors: number;
  seconds: number;
  firstError?: string;
}

let measured = 0;
let errors = 0;
const problems: string[] = [];
for (const platform of PLATFORMS) {
  const server = await startServer(platform);
  // One keep-alive socket per loop, kept for the whole platform.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const cases: Case[] = [];
    for (const size of SIZES) {
      for (const route of ROUTES) {
        const target = await targetOf(route, size, agent, server.port);
        const check = checkerOf(route, size, target.headers?.['if-none-match']);
        const load = { ...target, check, concurrency: CONCURRENCY, seconds: SECONDS / ROUNDS };
        cases.push({ size, route, load, ok: 0, errors: 0, seconds: 0 });
      }
    }

    for (const { load } of cases) await runLoad({ ...load, seconds: WARMUP_SECONDS });

    for (const size of SIZES) {
      const ofSize = cases.filter((c) => c.size === size);
      for (let round = 0; round < ROUNDS; round++) {
        for (const c of ofSize) {
          const slice = await runLoad(c.load);
          c.ok += slice.ok;
          c.errors += slice.errors;
          c.seconds += slice.seconds;
          c.firstError ??= slice.firstError;
        }
      }

      const [base] = ofSize; // ROUTES lists the baseline first
      const baseline = base.ok / base.seconds;
      for (const c of ofSize) {
        const rate = c.ok / c.seconds;
        measured++;
        errors += c.errors;
        if (c.firstError !== undefined) {
          problems.push(`${platform} ${size.label} ${c.route.name}: ${c.firstError}`);
        }
        printRow([
          platform,
          size.label,
          c.route.name,
          Math.round(rate).toString(),
          `${(rate / baseline).toFixed(2)}x`,
          c.errors.toString(),
        ]);
      }
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
}

console.log();
const dimensions = `${PLATFORMS.length} platforms × ${SIZES.length} sizes × ${ROUTES.length} routes`;
console.log(`${measured} cases (${dimensions}), ${errors} errors`);
for (const problem of problems) console.log(`  first error of ${problem}`);
// A run whose replies were wrong measured something else: fail it.
if (errors > 0) process.exitCode = 1;

/** Where a case sends its requests; for a revalidation, with the tag the route sends now. */
async function targetOf(route: Route, size: Size, agent: http.Agent, port: number): Promise<Target> {
  const target: Target = { agent, port, path: `/bench/${size.key}/${route.path}` };
  if (!route.revalidate) return target;
  const { status, etag } = await send(target);
  if (status !== 200 || etag === undefined) {
    throw new Error(`GET ${target.path} answered ${status} with ETag ${etag}; cannot revalidate it`);
  }
  return { ...target, headers: { 'if-none-match': etag } };
}

/** The check a case's replies must pass: status, body size and ETag. */
function checkerOf(route: Route, size: Size, sentTag: string | undefined): (reply: Reply) => string | undefined {
  const status = sentTag === undefined ? 200 : 304;
  const bytes = status === 200 ? bodyBytes(size) : 0;
  const tagPattern = { none: undefined, strong: /^"[^"]+"$/, weak: /^W\/"[^"]+"$/ }[route.etag];
  return (reply) => {
    if (reply.status !== status) return `status ${reply.status}, expected ${status}`;
    if (reply.bytes !== bytes) return `${reply.bytes} body bytes, expected ${bytes}`;
    if (tagPattern === undefined) {
      return reply.etag === undefined ? undefined : `unexpected ETag ${reply.etag}`;
    }
    if (reply.etag === undefined || !tagPattern.test(reply.etag)) {
      return `ETag ${reply.etag}, expected a ${route.etag} tag`;
    }
    if (sentTag !== undefined && reply.etag !== sentTag) return `ETag ${reply.etag} on a 304, expected ${sentTag}`;
    return undefined;
  };
}

interface Server {
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts one platform's app in a worker thread (bench/server.ts) and waits until it listens. */
function startServer(platform: Platform): Promise<Server> {
  const worker = new Worker(new URL('./server.js', import.meta.url), { workerData: { platform } });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`the ${platform} server exited (code ${code}) before listening`)));
    worker.once('message', ({ port }: { port: number }) => {
      resolve({
        port,
        async stop() {
          worker.postMessage('close');
          // It exits once its app is closed; should closing hang, end it.
          const timer = setTimeout(() => void worker.terminate(), 5000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

function printRow(cells: readonly string[]): void {
  const padded = cells.map((cell, i) => {
    const { width, right } = COLUMNS[i];
    return right ? cell.padStart(width) : cell.padEnd(width);
  });
  console.log(padded.join('  ').trimEnd());
}

function readSeconds(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`BENCH_SECONDS must be a positive number of seconds, got ${JSON.stringify(value)}`);
  }
  return seconds;
}
