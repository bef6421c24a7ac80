import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { PLATFORMS, type Platform, platformFrom } from '../sample/platform.js';
import { VARIANTS } from './app.js';
import {
  type CaseRef,
  casesOf,
  emptyOf,
  GLANCE,
  isSized,
  type JudgedTarget,
  judgeTargets,
  RATIO_TARGETS,
} from './cases.js';
import { ratioChart } from './chart.js';
import {
  describeRow,
  prepareRows,
  processCpu,
  type Row,
  type Servers,
  startServers,
  stopServers,
  type ServerCase,
  tally,
} from './fixture.js';
import type { SliceResult } from './load.js';
import { LoadProcess } from './load-client.js';
import { HEADER_KB, median, timeHostileHeaders, timeTags } from './micro.js';
import { SIZES } from './payload.js';
import { memoryNote, placeProcesses, processOf } from './processes.js';
import { parseProfileRows, profiledCases, profilePlatform, type ProfileSettings } from './profile.js';
import { busy, perRequest as cpuPerRequest, type ProfiledRow, profileReport } from './profile-summary.js';
import { clock, Progress } from './progress.js';
import {
  atMost,
  count,
  formatMarkdown,
  micros,
  millis,
  table,
  type Target,
  targetTable,
  times,
  verdictText,
} from './report.js';

// `npm run bench`: the fixture app (bench/app.ts) with and without the
// module and with the platform's own ETag, on Express and Fastify, side by
// side; then micro-benchmarks of tags and condition headers. Writes
// bench/results.md and bench/results.svg after a complete run; with
// --profile, profiles each row's server instead. See bench/README.md.

// The defaults: 39 cases a platform, measured 4 s each in 8 rounds of 0.5 s,
// on 2 processes of each build, each warmed up 0.35 s per case of the
// module's build: about 8½ minutes in all, under the 10 allowed with the
// build (see bench/README.md).
const DEFAULT_SECONDS = 4;
const DEFAULT_ROUNDS = 8;
const DEFAULT_PROCESSES = 2;
const DEFAULT_WARMUP = 0.35;
/** About how long the micro-benchmarks take with 100 ms batches, for the progress line. */
const MICRO_SECONDS = 25;

const settings = readSettings(process.argv.slice(2), process.env);
const RESULTS = new URL('../../bench/results.md', import.meta.url);
const CHART = new URL('../../bench/results.svg', import.meta.url);
const PROFILES = new URL('../../bench/profiles/', import.meta.url);
const started = performance.now();
const cpus = os.cpus();
const placement = settings.http || settings.profile !== undefined ? placeProcesses() : undefined;
const progress = new Progress();
const date = new Date().toISOString().slice(0, 10);

const machine =
  `Node.js ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
  `${os.platform()} ${os.release()}`;
const sections: string[] = [
  '# Benchmark results',
  [
    `\`npm run bench\` on ${date}: ${machine}; load average ${loadAverage()} as it started.`,
    settings.http
      ? `HTTP: ${settings.seconds} s per case in ${settings.rounds} rounds, on ${settings.processes} processes of each ` +
        `build taking turns, after ${clock(buildWarmup())} of warm-up per process; ` +
        `${settings.connections} connections, one request in flight on each; ${placement!.note}; ` +
        `${memoryNote(process.env)}.`
      : '',
  ].join(' '),
];
console.log(sections[1]);
let errors = 0;
const microTargets: Target[] = [];
const judged: JudgedTarget[] = [];
/** Each measured platform's ratio of two cases (see platformReport). */
const ratios = new Map<Platform, (a: CaseRef, b: CaseRef) => number>();
/** The same from the servers' CPU time per request: b's over a's, what a saturated server's rates would give. */
const cpuRatios = new Map<Platform, (a: CaseRef, b: CaseRef) => number>();

// What is left to run, for the progress line.
if (settings.micro) progress.plan(MICRO_SECONDS * (settings.microBatchMs / 100));
const platformCount = settings.platforms.length;
if (settings.http) {
  progress.plan(
    platformCount * (VARIANTS.length * settings.processes * buildWarmup() + casesOf().length * settings.seconds),
    platformCount,
  );
}
if (settings.profile !== undefined) {
  const { seconds, warmup } = settings.profile;
  progress.plan(platformCount * profiledCases(settings.profile).length * (seconds + warmup), platformCount);
}

if (settings.profile !== undefined) {
  await profileRun(settings.profile);
} else {
  if (settings.micro) await print(await progress.step('micro-benchmarks', MICRO_SECONDS, microSection));
  if (settings.http) {
    const load = await LoadProcess.start(placement!.loadCore);
    try {
      for (const platform of settings.platforms) await print(await platformSection(platform, load));
    } finally {
      await load.stop();
    }
    // First in the file, after the run's facts: what the root README quotes, then the targets.
    await print(glanceSection(), 2);
    await print(targetSection(), 3);
  }
  await print(summarySection());
  if (settings.complete) {
    const file = fileURLToPath(RESULTS);
    await writeFile(file, await formatMarkdown(sections.join('\n\n'), file));
    await writeFile(
      fileURLToPath(CHART),
      ratioChart({
        subtitle: `npm run bench on ${date}: ${machine}; the median of ${settings.rounds} rounds, ${settings.seconds} s a case in all`,
        platforms: settings.platforms,
        judged,
      }),
    );
    console.log('\nWritten to bench/results.md and bench/results.svg.');
  } else {
    console.log('\nA partial run: bench/results.md and bench/results.svg are left as they were.');
  }
}
// A run whose replies were wrong measured something else: fail it.
if (errors > 0) process.exitCode = 1;

/** Adds a section to the results (at the end, or at `index`) and prints it as it will be written. */
async function print(section: string, index = sections.length): Promise<void> {
  sections.splice(index, 0, section);
  progress.clear();
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
    atMost(`${large} KB If-None-Match or If-Match, slowest value`, worst16, 1000, (us) => `${micros(us)} µs`),
    atMost(
      `${large} KB / ${small} KB, most of any value`,
      worstGrowth,
      Math.sqrt((large / small) * (large / small) ** 2),
      times,
    ),
  ];
  microTargets.push(...targets);
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
    '### Hostile condition headers: `parseConditions` + `judgeConditions`, `If-None-Match` on a GET, `If-Match` on a PUT',
    table(
      ['value', ...HEADER_KB.map((kb) => `${kb} KB`), `${large} KB / ${small} KB`],
      shapes.map((shape) => [shape, ...headers.map((h) => micros(h.shapes[shape])), times(growth(shape))]),
      [1, 2, 3, 4],
    ),
    targetTable(targets),
  ].join('\n\n');
}

async function platformSection(platform: Platform, load: LoadProcess): Promise<string> {
  const servers = await progress.start(
    `${platform}: starting ${settings.processes} of each of ${VARIANTS.join(', ')}`,
    () => startServers(platform, placement!.serverCore, settings.processes),
  );
  try {
    const rows = await prepareRows(servers, casesOf());
    const slice = ({ server, request, expect }: ServerCase, seconds: number): Promise<SliceResult> =>
      load.run({ port: server.port, request, connections: settings.connections, seconds, expect });

    // Every process of every build gets the same warm-up in all, the module's
    // (which serves most cases) `warmup` seconds a case: a build that serves
    // few cases would otherwise be measured before its JIT has settled, and look slower.
    progress.note(`${platform}: warming up each process for ${clock(buildWarmup())}`);
    for (const row of rows) {
      const seconds = buildWarmup() / casesOfBuild(row.variant);
      for (const [at, target] of row.targets.entries()) {
        const label = `${platform} warm-up, process ${at + 1}/${row.targets.length}: ${describeRow(row)}`;
        tally(row, await progress.step(label, seconds, () => slice(target, seconds)));
      }
    }
    // Each round takes every case once, starting further along each time and
    // every other round backwards, so that drift falls on every case alike
    // (what ran just before a case is one of its two neighbours, by turns);
    // and each round on its own choice of processes (see processOf).
    const step = Math.ceil(rows.length / settings.rounds);
    const seconds = settings.seconds / settings.rounds;
    for (let round = 0; round < settings.rounds; round++) {
      progress.note(`${platform}: round ${round + 1} of ${settings.rounds}`);
      for (let i = 0; i < rows.length; i++) {
        const at = (i + round * step) % rows.length;
        const row = rows[round % 2 === 0 ? at : rows.length - 1 - at];
        const label = `${platform} round ${round + 1}/${settings.rounds}, case ${i + 1}/${rows.length}: ${describeRow(row)}`;
        const target = row.targets[processOf(VARIANTS.indexOf(row.variant), round, row.targets.length)];
        const pid = target.server.child.pid;
        const cpuBefore = processCpu(pid);
        const result = await progress.step(label, seconds, () => slice(target, seconds));
        const cpuAfter = processCpu(pid);
        row.cpuMicros =
          row.cpuMicros === undefined || cpuBefore === undefined || cpuAfter === undefined
            ? undefined
            : row.cpuMicros + cpuAfter - cpuBefore;
        tally(row, result);
        row.rounds.push(result);
      }
    }
    return platformReport(platform, rows);
  } finally {
    await stopServers(servers);
  }
}

function platformReport(platform: Platform, rows: readonly Row[]): string {
  const find = (ref: CaseRef): Row | undefined => rows.find((r) => r.kind.id === ref.id && r.size?.key === ref.size);
  const rate = (result: SliceResult): number => result.ok / result.seconds;
  const ratio = (a: CaseRef, b: CaseRef): number => {
    const [x, y] = [find(a), find(b)];
    if (x === undefined || y === undefined) return NaN;
    return median(x.rounds.map((result, round) => rate(result) / rate(y.rounds[round])));
  };
  const ref = (row: Row): CaseRef => ({ id: row.kind.id, size: row.size?.key });
  const compared = (row: Row, id: string | undefined): string =>
    id === undefined ? '' : times(ratio(ref(row), { id, size: row.size?.key }));

  const lines = rows.map((row) => {
    errors += row.errors;
    const once = row.size === undefined && row.kind.payload === undefined;
    return [
      row.size?.label ?? row.kind.payload ?? '–',
      row.kind.label,
      count(median(row.rounds.map(rate))),
      millis(median(row.rounds.map((r) => r.p50))),
      millis(median(row.rounds.map((r) => r.p99))),
      row.cpuMicros === undefined ? '–' : micros(row.cpuMicros / row.rounds.reduce((sum, r) => sum + r.ok, 0)),
      row.size === undefined ? '' : compared(row, 'baseline'),
      compared(row, row.kind.own),
      once ? compared(row, emptyOf(row.variant)) : '',
      row.errors.toString(),
    ];
  });
  ratios.set(platform, ratio);
  const cpuPerRequest = (ref: CaseRef): number => {
    const row = find(ref);
    if (row?.cpuMicros === undefined) return NaN;
    return row.cpuMicros / row.rounds.reduce((sum, r) => sum + r.ok, 0);
  };
  cpuRatios.set(platform, (a, b) => cpuPerRequest(b) / cpuPerRequest(a));
  judged.push(...judgeTargets(platform, ratio));
  const problems = rows.filter((row) => row.firstError !== undefined);
  return [
    `## ${platformName(platform)}`,
    table(
      ['payload', 'case', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs', '× baseline', '× own', '× empty', 'errors'],
      lines,
      [2, 3, 4, 5, 6, 7, 8, 9],
    ),
    "req/s, p50 and p99: medians over the rounds. CPU µs: the server process's CPU time (every thread, user and " +
      'system, from /proc) over the measured rounds, per request it served: what a request costs the server, which ' +
      'other work on the machine disturbs less than the rate (it still inflates it: caches and cores are shared). Ratios: the median over the rounds of the ratio within each ' +
      "round, to the baseline of the same payload, to the platform's own ETag (the 200 for a 200, the 304 for a 304), " +
      "and to the empty 204 of the same build. The module's file rows (issue #20) are compared with the platform's own file serving " +
      '(res.sendFile, @fastify/static) of the same 1 MB file at the same path; the 304 has a target.',
    ...problems.map((row) => `- first error of ${describeRow(row)}: ${row.firstError}`),
  ].join('\n\n');
}

function platformName(platform: Platform): string {
  return platform === 'express' ? 'Express' : 'Fastify';
}

function casesOfBuild(variant: (typeof VARIANTS)[number]): number {
  return casesOf().filter(({ kind }) => kind.variant === variant).length;
}

/** The warm-up of every build, in seconds: `warmup` for each case of the build with the most. */
function buildWarmup(): number {
  return settings.warmup * Math.max(...VARIANTS.map(casesOfBuild));
}

/** The ratios the root README quotes, every platform side by side. */
function glanceSection(): string {
  const measured = [...ratios];
  const sized = GLANCE.filter(isSized);
  const once = GLANCE.filter((row) => !isSized(row));
  return [
    '## Ratios at a glance',
    'Requests per second of one case over another, the median over the rounds of the ratio within each round; ' +
      'above 1.00× the first is faster. [`results.svg`](results.svg) draws each against its target.',
    table(
      ['ratio', ...measured.flatMap(([platform]) => SIZES.map((size) => `${platformName(platform)} ${size.label}`))],
      sized.map(({ text, a, b }) => [
        text,
        ...measured.flatMap(([, ratio]) =>
          SIZES.map(({ key }) => times(ratio({ id: a, size: key }, { id: b, size: key }))),
        ),
      ]),
      measured.flatMap((_, p) => SIZES.map((_size, s) => 1 + p * SIZES.length + s)),
    ),
    table(
      ['ratio', ...measured.map(([platform]) => platformName(platform))],
      once.map(({ text, a, b }) => [
        text,
        ...measured.map(([, ratio]) => times(ratio({ id: a, size: undefined }, { id: b, size: undefined }))),
      ]),
      measured.map((_, p) => 1 + p),
    ),
  ].join('\n\n');
}

/** The targets of issues #16 and #20: one line a ratio and size, the platforms side by side. */
function targetSection(): string {
  const platforms = [...ratios.keys()];
  const lines: string[][] = [];
  for (const ratio of RATIO_TARGETS) {
    for (const size of isSized(ratio) ? SIZES : [undefined]) {
      const here = judged.filter((j) => j.ratio === ratio && j.size === size);
      if (here.length === 0) continue;
      const refs = [ratio.a, ratio.b].map((id) => ({ id, size: size?.key }));
      lines.push([
        `${size === undefined ? '' : `${size.label}: `}${ratio.text}`,
        here[0].result.goal,
        ...platforms.map((platform) => {
          const result = here.find((j) => j.platform === platform)?.result;
          return result === undefined ? '–' : `${result.value}, ${verdictText(result)}`;
        }),
        ...platforms.map((platform) => times(cpuRatios.get(platform)!(refs[0], refs[1]))),
      ]);
    }
  }
  return [
    '## Targets of issues #16 and #20',
    'Each ratio is the median over the rounds of the ratio within each round. A ratio within 2 % under its goal is ' +
      'within the noise of one run: a second full run decides. The last columns give the same ratio from the ' +
      "servers' CPU time per request (the second case's over the first's): what the rates of a server kept busy " +
      'would give, less disturbed by other work on the machine; the verdict is on the rates.',
    table(
      ['target', 'goal', ...platforms.map(platformName), ...platforms.map((p) => `${platformName(p)}, by CPU`)],
      lines,
      [1, ...platforms.map((_, i) => 2 + platforms.length + i)],
    ),
  ].join('\n\n');
}

function summarySection(): string {
  const elapsed = (performance.now() - started) / 1000;
  const counted = (targets: readonly Target[]): string => {
    const of = (verdict: Target['verdict']) => targets.filter((t) => t.verdict === verdict).length;
    return (
      `${of('met')} of ${targets.length} met, ${of('near')} within 2 % under (a second full run decides), ` +
      `${of('missed')} missed`
    );
  };
  return [
    '## Summary',
    [
      judged.length > 0 ? `Targets of issues #16 and #20: ${counted(judged.map((j) => j.result))}.` : '',
      microTargets.length > 0 ? `Micro-benchmark targets: ${counted(microTargets)}.` : '',
      `${errors} errors; ${clock(elapsed)} (without the build); load average ${loadAverage()} as it ended ` +
        '(other work on the machine makes the numbers noisier).',
    ]
      .filter((line) => line !== '')
      .join(' '),
  ].join('\n\n');
}

/** `--profile`: each selected row's server profiled under load (see bench/profile.ts). */
async function profileRun(options: ProfileSettings): Promise<void> {
  const folder = fileURLToPath(PROFILES);
  await mkdir(folder, { recursive: true });
  const profiled: ProfiledRow[] = [];
  const load = await LoadProcess.start(placement!.loadCore);
  try {
    for (const platform of settings.platforms) {
      const servers: Servers = await progress.start(`${platform}: starting ${VARIANTS.join(', ')}`, () =>
        startServers(platform, placement!.serverCore),
      );
      try {
        const rows = await prepareRows(servers, profiledCases(options));
        const done = await profilePlatform(platform, rows, load, options, progress, folder);
        for (const row of rows) errors += row.errors;
        for (const { row, summary } of done) {
          progress.clear();
          const perRequest = (time: number) => micros(cpuPerRequest(summary, time));
          console.log(
            `${platform} ${row}: ${perRequest(busy(summary))} µs of CPU a request; module ${perRequest(summary.byOwner.module)}, ` +
              `Nest ${perRequest(summary.byOwner.Nest)}, platform ${perRequest(summary.byOwner.platform)}, ` +
              `Node ${perRequest(summary.byOwner.Node)}, GC ${perRequest(summary.byOwner.GC)}`,
          );
        }
        profiled.push(...done);
      } finally {
        await stopServers(servers);
      }
    }
  } finally {
    await load.stop();
  }
  const intro =
    `\`npm run bench -- --profile\` on ${date}: ${machine}; ${placement!.note}. Each row: ` +
    `${options.warmup} s of warm-up, then ${options.seconds} s of load profiled by V8's sampling profiler every ` +
    `${options.intervalMicros} µs, ${options.connections} connections. Microseconds per request are the sampled ` +
    'time over the requests served: noisy in absolute terms on a shared machine; compare shares within a profile.';
  const summary = path.join(folder, 'summary.md');
  await writeFile(summary, await formatMarkdown(profileReport(profiled, intro), summary));
  progress.clear();
  console.log(`\nProfiles and their summaries in ${path.relative(process.cwd(), folder)}/ (summary.md).`);
}

/** The 1-minute load average: the bench keeps about 2 busy (a server and the load); more is other work. */
function loadAverage(): string {
  return `${os.loadavg()[0].toFixed(1)} on ${cpus.length} cores`;
}

interface Settings {
  readonly micro: boolean;
  readonly http: boolean;
  readonly platforms: readonly Platform[];
  /** Measured seconds per case, split into `rounds` slices. */
  readonly seconds: number;
  readonly rounds: number;
  /** Server processes of each build, taking turns round by round. */
  readonly processes: number;
  /** Warm-up seconds a case of the module's build, in each process. */
  readonly warmup: number;
  readonly connections: number;
  readonly microBatchMs: number;
  /** `--profile`: profile the servers instead of measuring. */
  readonly profile: ProfileSettings | undefined;
  /** Everything ran on both platforms: the results file may be written. */
  readonly complete: boolean;
}

function readSettings(args: readonly string[], env: NodeJS.ProcessEnv): Settings {
  const known = ['--micro', '--http', '--profile', '--profile=<case[@size],…>', ...PLATFORMS.map((p) => `--${p}`)];
  const unknown = args.filter((arg) => !known.includes(arg) && !arg.startsWith('--profile='));
  if (unknown.length > 0) throw new Error(`bench: unknown argument(s) ${unknown.join(' ')}; known: ${known.join(' ')}`);
  const profileArg = args.find((arg) => arg === '--profile' || arg.startsWith('--profile='));
  const onlyMicro = args.includes('--micro') && !args.includes('--http');
  const onlyHttp = args.includes('--http') && !args.includes('--micro');
  if (profileArg !== undefined && (args.includes('--micro') || args.includes('--http'))) {
    throw new Error('bench: --profile runs on its own, without --micro or --http');
  }
  const chosen = PLATFORMS.filter((p) => args.includes(`--${p}`)).map((p) => platformFrom(p));
  const platforms = chosen.length > 0 ? chosen : PLATFORMS;
  const seconds = readNumber(env, 'BENCH_SECONDS', DEFAULT_SECONDS);
  const connections = Math.round(readNumber(env, 'BENCH_CONNECTIONS', 16));
  return {
    micro: profileArg === undefined && !onlyHttp,
    http: profileArg === undefined && !onlyMicro,
    platforms,
    seconds,
    rounds: Math.round(readNumber(env, 'BENCH_ROUNDS', DEFAULT_ROUNDS)),
    processes: Math.round(readNumber(env, 'BENCH_PROCESSES', DEFAULT_PROCESSES)),
    warmup: readNumber(env, 'BENCH_WARMUP', Math.min(DEFAULT_WARMUP, seconds / 5)),
    connections,
    microBatchMs: readNumber(env, 'BENCH_MICRO_MS', 100),
    profile:
      profileArg === undefined
        ? undefined
        : {
            rows: parseProfileRows(profileArg.slice('--profile='.length)),
            seconds: readNumber(env, 'BENCH_PROFILE_SECONDS', 5),
            warmup: readNumber(env, 'BENCH_PROFILE_WARMUP', 2),
            intervalMicros: Math.round(readNumber(env, 'BENCH_PROFILE_INTERVAL', 200)),
            connections,
          },
    complete: profileArg === undefined && !onlyMicro && !onlyHttp && platforms.length === PLATFORMS.length,
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
