import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PLATFORMS, type Platform, platformFrom } from '../sample/platform.js';
import { type Variant, VARIANTS } from './app.js';
import { type CaseKind, type CaseRef, casesOf, GLANCE_ONCE, GLANCE_SIZED, judgeTargets, prepareCase } from './cases.js';
import { exchange, type Reply, type Request, type SliceResult } from './load.js';
import { LoadProcess } from './load-client.js';
import { HEADER_KB, median, timeHostileHeaders, timeTags } from './micro.js';
import { bodyBytes, type Size, SIZES } from './payload.js';
import { firstMessage, placeProcesses, startNode, stopChild } from './processes.js';
import { atMost, count, formatMarkdown, micros, millis, table, type Target, targetTable, times } from './report.js';

// `npm run bench`: the fixture app (bench/app.ts) with and without the
// module and with the platform's own ETag, on Express and Fastify, side by
// side; then micro-benchmarks of tags and condition headers. Writes
// bench/results.md after a complete run. See bench/README.md.

const settings = readSettings(process.argv.slice(2), process.env);
const RESULTS = new URL('../../bench/results.md', import.meta.url);
const started = performance.now();
const cpus = os.cpus();
const placement = settings.http ? placeProcesses() : undefined;

const sections: string[] = [
  '# Benchmark results',
  [
    `\`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node.js ${process.version}, ` +
      `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.platform()} ${os.release()}; ` +
      `load average ${loadAverage()} as it started.`,
    settings.http
      ? `HTTP: ${settings.seconds} s per case in ${settings.rounds} rounds, after ${buildWarmup()} s of warm-up per build; ` +
        `${settings.connections} connections, one request in flight on each; ${placement!.note}.`
      : '',
  ].join(' '),
];
console.log(sections[1]);
let errors = 0;
const allTargets: Target[] = [];
/** Each measured platform's ratio of two cases (see platformReport). */
const ratios = new Map<Platform, (a: CaseRef, b: CaseRef) => number>();

if (settings.micro) await print(microSection());
if (settings.http) {
  const load = await LoadProcess.start(placement!.loadCore);
  try {
    for (const platform of settings.platforms) await print(await platformSection(platform, load));
  } finally {
    await load.stop();
  }
  // First in the file, after the run's facts: what the root README quotes.
  await print(glanceSection(), 2);
}

const elapsed = (performance.now() - started) / 1000;
const missed = allTargets.filter((target) => !target.met);
await print(
  [
    '## Summary',
    `${allTargets.length - missed.length} of ${allTargets.length} targets met; ${errors} errors; ` +
      `${Math.round(elapsed)} s (without the build); load average ${loadAverage()} as it ended ` +
      '(other work on the machine makes the numbers noisier).',
  ].join('\n\n'),
);
if (settings.complete) {
  const file = fileURLToPath(RESULTS);
  await writeFile(file, await formatMarkdown(sections.join('\n\n'), file));
  console.log(`\nWritten to bench/results.md.`);
} else {
  console.log('\nA partial run: bench/results.md is left as it was.');
}
// A run whose replies were wrong measured something else: fail it.
if (errors > 0) process.exitCode = 1;

/** Adds a section to the results (at the end, or at `index`) and prints it as it will be written. */
async function print(section: string, index = sections.length): Promise<void> {
  sections.splice(index, 0, section);
  console.log(`\n${await formatMarkdown(section, fileURLToPath(RESULTS))}`);
}

function microSection(): string {
  const tags = timeTags(settings.microBatchMs);
  const headers = timeHostileHeaders(settings.microBatchMs);
  const shapes = Object.keys(headers[0].shapes);
  const growth = (shape: string): number => headers.at(-1)!.shapes[shape] / headers[0].shapes[shape];
  const worst16 = headers.at(-1)!.worst;
  const worstGrowth = Math.max(...shapes.map(growth));
  const [small, large] = [HEADER_KB[0], HEADER_KB.at(-1)!];
  // Linear is 4× from 4 to 16 KB, quadratic 16×: at most their geometric mean, 8×, is nearer linear. (A
  // small value also fits the caches better, so even a linear parser takes a little more than 4×.)
  const targets = [
    atMost(`${large} KB If-None-Match, slowest value`, worst16, 1000, (us) => `${micros(us)} µs`),
    atMost(
      `${large} KB / ${small} KB, most of any value`,
      worstGrowth,
      Math.sqrt((large / small) * (large / small) ** 2),
      times,
    ),
  ];
  allTargets.push(...targets);
  return [
    '## Micro-benchmarks',
    'Microseconds per call in one process, before any server starts: the median of 7 timed batches, taken in turns ' +
      'with the other columns of the row, so that other work on the machine falls on them alike.',
    '### Tag generation',
    table(
      ['payload', 'JSON.stringify (for scale)', 'strong, over the bytes', "weak, `fields: ['name']`", 'version'],
      tags.map((t) => [t.size, micros(t.serialise), micros(t.strong), micros(t.fields), micros(t.version)]),
      [1, 2, 3, 4],
    ),
    '### A hostile `If-None-Match`: `parseConditions` + `judgeConditions`, on a GET',
    table(
      ['value', ...HEADER_KB.map((kb) => `${kb} KB`), `${large} KB / ${small} KB`],
      shapes.map((shape) => [shape, ...headers.map((h) => micros(h.shapes[shape])), times(growth(shape))]),
      [1, 2, 3, 4],
    ),
    targetTable(targets),
  ].join('\n\n');
}

/** One row of a platform's table, with its results round by round. */
interface Row {
  readonly kind: CaseKind;
  readonly size: Size | undefined;
  readonly variant: Variant;
  readonly request: Request;
  readonly expect: Reply;
  readonly rounds: SliceResult[];
  errors: number;
  firstError?: string;
}

async function platformSection(platform: Platform, load: LoadProcess): Promise<string> {
  progress(`${platform}: starting ${VARIANTS.join(', ')}`);
  const servers = await startServers(platform);
  try {
    const rows: Row[] = [];
    for (const { kind, size } of casesOf()) {
      const port = servers.get(kind.variant)!.port;
      const bytes = size === undefined ? undefined : bodyBytes(size);
      const { request, expect } = await prepareCase(kind, size, bytes, (r) => exchange(port, r));
      rows.push({ kind, size, variant: kind.variant, request, expect, rounds: [], errors: 0 });
    }
    const slice = (row: Row, seconds: number): Promise<SliceResult> =>
      load.run({
        port: servers.get(row.variant)!.port,
        request: row.request,
        connections: settings.connections,
        seconds,
        expect: row.expect,
      });
    const tally = (row: Row, result: SliceResult): void => {
      row.errors += result.errors;
      row.firstError ??= result.firstError;
    };

    // Every build gets the same warm-up in all, the module's (which serves most
    // cases) `warmup` seconds a case: a build that serves few cases would
    // otherwise be measured before its JIT has settled, and look slower.
    progress(`${platform}: warming up each build for ${buildWarmup()} s`);
    for (const row of rows) tally(row, await slice(row, buildWarmup() / casesOfBuild(row.variant)));
    // Each round takes every case once, starting further along each time and
    // every other round backwards, so that drift, and what ran just before
    // (another build's garbage collection, say), falls on every case alike.
    const step = Math.ceil(rows.length / settings.rounds);
    for (let round = 0; round < settings.rounds; round++) {
      progress(`${platform}: round ${round + 1} of ${settings.rounds}`);
      for (let i = 0; i < rows.length; i++) {
        const at = (i + round * step) % rows.length;
        const row = rows[round % 2 === 0 ? at : rows.length - 1 - at];
        const result = await slice(row, settings.seconds / settings.rounds);
        tally(row, result);
        row.rounds.push(result);
      }
    }
    return platformReport(platform, rows);
  } finally {
    await Promise.all([...servers.values()].map(({ child }) => stopChild(child)));
  }
}

function platformReport(platform: Platform, rows: readonly Row[]): string {
  const find = (ref: CaseRef): Row => rows.find((r) => r.kind.id === ref.id && r.size?.key === ref.size)!;
  const rate = (result: SliceResult): number => result.ok / result.seconds;
  const ratio = (a: CaseRef, b: CaseRef): number => {
    const [x, y] = [find(a), find(b)];
    return median(x.rounds.map((result, round) => rate(result) / rate(y.rounds[round])));
  };
  const ref = (row: Row): CaseRef => ({ id: row.kind.id, size: row.size?.key });
  const compared = (row: Row, id: string | undefined): string =>
    id === undefined ? '' : times(ratio(ref(row), { id, size: row.size?.key }));

  const lines = rows.map((row) => {
    const { id } = row.kind;
    errors += row.errors;
    const own =
      id === 'strong-200' || id === 'fields-200'
        ? 'own-200'
        : /^(strong|fields|current)-304$/.test(id)
          ? 'own-304'
          : undefined;
    return [
      row.size?.label ?? '–',
      row.kind.label,
      count(median(row.rounds.map(rate))),
      millis(median(row.rounds.map((r) => r.p50))),
      millis(median(row.rounds.map((r) => r.p99))),
      row.size === undefined ? '' : compared(row, 'baseline'),
      compared(row, own),
      row.size === undefined ? compared(row, 'empty') : '',
      row.errors.toString(),
    ];
  });
  ratios.set(platform, ratio);
  const targets = judgeTargets(platform, ratio);
  allTargets.push(...targets);
  const problems = rows.filter((row) => row.firstError !== undefined);
  return [
    `## ${platform === 'express' ? 'Express' : 'Fastify'}`,
    table(
      ['payload', 'case', 'req/s', 'p50 ms', 'p99 ms', '× baseline', '× own', '× empty', 'errors'],
      lines,
      [2, 3, 4, 5, 6, 7, 8],
    ),
    'req/s, p50 and p99: medians over the rounds. Ratios: the median over the rounds of the ratio within each ' +
      "round, to the baseline of the same payload, to the platform's own ETag (the 200 for a 200, the 304 for a 304), " +
      'and to the empty 204.',
    `### Targets on ${platform}`,
    targetTable(targets),
    ...problems.map((row) => `- first error of ${row.size?.label ?? ''} ${row.kind.label}: ${row.firstError}`),
  ].join('\n\n');
}

function casesOfBuild(variant: Variant): number {
  return casesOf().filter(({ kind }) => kind.variant === variant).length;
}

/** The warm-up of every build, in seconds: `warmup` for each case of the build with the most. */
function buildWarmup(): number {
  return settings.warmup * Math.max(...VARIANTS.map(casesOfBuild));
}

/** The ratios the root README quotes, every platform side by side. */
function glanceSection(): string {
  const measured = [...ratios];
  const name = (platform: Platform): string => (platform === 'express' ? 'Express' : 'Fastify');
  return [
    '## Ratios at a glance',
    table(
      ['ratio', ...measured.flatMap(([platform]) => SIZES.map((size) => `${name(platform)} ${size.label}`))],
      GLANCE_SIZED.map(({ text, a, b }) => [
        text,
        ...measured.flatMap(([, ratio]) =>
          SIZES.map(({ key }) => times(ratio({ id: a, size: key }, { id: b, size: key }))),
        ),
      ]),
      measured.flatMap((_, p) => SIZES.map((_size, s) => 1 + p * SIZES.length + s)),
    ),
    table(
      ['ratio', ...measured.map(([platform]) => name(platform))],
      GLANCE_ONCE.map(({ text, a, b }) => [
        text,
        ...measured.map(([, ratio]) => times(ratio({ id: a, size: undefined }, { id: b, size: undefined }))),
      ]),
      measured.map((_, p) => 1 + p),
    ),
  ].join('\n\n');
}

async function startServers(platform: Platform): Promise<Map<Variant, { child: ChildProcess; port: number }>> {
  const servers = new Map<Variant, { child: ChildProcess; port: number }>();
  const script = new URL('./server.js', import.meta.url);
  try {
    for (const variant of VARIANTS) {
      const child = startNode(script, [platform, variant], placement!.serverCore);
      servers.set(variant, { child, port: 0 });
      const { port } = await firstMessage<{ port: number }>(child, `the ${platform} ${variant} server`);
      servers.set(variant, { child, port });
    }
  } catch (error) {
    await Promise.all([...servers.values()].map(({ child }) => stopChild(child)));
    throw error;
  }
  return servers;
}

/** The 1-minute load average: the bench keeps about 2 busy (a server and the load); more is other work. */
function loadAverage(): string {
  return `${os.loadavg()[0].toFixed(1)} on ${cpus.length} cores`;
}

function progress(text: string): void {
  const seconds = Math.round((performance.now() - started) / 1000);
  console.error(`[${seconds.toString().padStart(4)} s] ${text}`);
}

interface Settings {
  readonly micro: boolean;
  readonly http: boolean;
  readonly platforms: readonly Platform[];
  /** Measured seconds per case, split into `rounds` slices. */
  readonly seconds: number;
  readonly rounds: number;
  readonly warmup: number;
  readonly connections: number;
  readonly microBatchMs: number;
  /** Everything ran on both platforms: the results file may be written. */
  readonly complete: boolean;
}

function readSettings(args: readonly string[], env: NodeJS.ProcessEnv): Settings {
  const known = ['--micro', '--http', ...PLATFORMS.map((p) => `--${p}`)];
  const unknown = args.filter((arg) => !known.includes(arg));
  if (unknown.length > 0) throw new Error(`bench: unknown argument(s) ${unknown.join(' ')}; known: ${known.join(' ')}`);
  const onlyMicro = args.includes('--micro') && !args.includes('--http');
  const onlyHttp = args.includes('--http') && !args.includes('--micro');
  const chosen = PLATFORMS.filter((p) => args.includes(`--${p}`)).map((p) => platformFrom(p));
  const platforms = chosen.length > 0 ? chosen : PLATFORMS;
  const seconds = readNumber(env, 'BENCH_SECONDS', 5);
  return {
    micro: !onlyHttp,
    http: !onlyMicro,
    platforms,
    seconds,
    rounds: Math.round(readNumber(env, 'BENCH_ROUNDS', 10)),
    warmup: readNumber(env, 'BENCH_WARMUP', Math.min(0.5, seconds / 5)),
    connections: Math.round(readNumber(env, 'BENCH_CONNECTIONS', 16)),
    microBatchMs: readNumber(env, 'BENCH_MICRO_MS', 100),
    complete: !onlyMicro && !onlyHttp && platforms.length === PLATFORMS.length,
  };
}

function readNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  return number;
}
