import { existsSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMarkdown, micros, table } from './report.js';

/**
 * Summarises a V8 CPU profile (`.cpuprofile`, as `--cpu-prof` and the
 * inspector's Profiler write it) of a bench server: the time by group of
 * code, named parts of the request path, and the top frames by self time
 * and by inclusive time; as shares of the busy time (sampled, less idle),
 * and in microseconds per request when the number of requests is known.
 *
 *   node dist-sample/bench/profile-summary.js <file.cpuprofile>... [--top N] [--requests N]
 *
 * The requests come from the `.json` file `npm run bench -- --profile`
 * writes beside each profile, or from `--requests N`. That file also gives
 * the CPU time the server's main thread used meanwhile: then a share is
 * turned into microseconds of that CPU time, not of the profile's clock,
 * which also runs while the process waits for a core on a busy machine.
 */

/** Where a frame's code comes from. */
export type Group = 'module' | 'Nest' | 'platform' | 'Node' | 'app' | 'GC' | '(program)' | 'idle';

export const GROUPS: readonly Group[] = ['module', 'Nest', 'platform', 'Node', 'app', 'GC', '(program)', 'idle'];

/** What each group holds, for the reports. */
export const GROUP_NOTES: Readonly<Record<Group, string>> = {
  module: 'lib/ (the nestjs-etag package) and its dependency object-hash',
  Nest: '@nestjs/* (core, common, and the platform adapters), rxjs, reflect-metadata',
  platform: 'express, fastify, find-my-way and every other package of theirs',
  Node: "Node's own JavaScript (node:http, net, crypto, streams, timers)",
  app: 'the bench fixture (bench/, sample/platform.ts)',
  GC: "V8's garbage collector",
  '(program)': 'native code V8 cannot place in a JavaScript frame (the event loop, system calls)',
  idle: 'waiting for work',
};

// A frame of these packages is Nest's: the request path Nest builds around a handler.
const NEST_PACKAGES = /^(@nestjs\/|rxjs$|reflect-metadata$)/;
// The module's published dependency.
const MODULE_PACKAGES = /^object-hash$/;

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

/** The format of a `.cpuprofile` (the Chrome DevTools protocol's `Profiler.Profile`). */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One function's time, in microseconds. */
export interface FrameTime {
  readonly name: string;
  readonly where: string;
  /** The script, without the line: `fastify/lib/reply.js`, `lib/nest/etag.guard.js`, `native`. */
  readonly file: string;
  readonly group: Group;
  readonly self: number;
  readonly total: number;
}

export interface ProfileSummary {
  /** Microseconds sampled in all. */
  readonly sampled: number;
  /** Requests served while the profile was taken, when known. */
  readonly requests: number | undefined;
  /** The CPU time the main thread used while the profile was taken, in microseconds, when known. */
  readonly cpu: number | undefined;
  /** Self time of each group's frames; a native frame (no script) counts to its caller's group. */
  readonly selfByGroup: Readonly<Record<Group, number>>;
  /**
   * Time by who asked for it: Node's and native frames count to the
   * innermost caller of the module, Nest, the platform or the app above
   * them (a hash the module asks of node:crypto is the module's; a socket
   * write the platform makes is the platform's); `Node` keeps what nothing
   * above asked for (the HTTP parser, the event loop's callbacks).
   */
  readonly byOwner: Readonly<Record<Group, number>>;
  /** Every function, by self time first. */
  readonly frames: readonly FrameTime[];
  /** The inclusive time of each of {@link PARTS}, in its order. */
  readonly parts: readonly number[];
}

const SPECIAL: Readonly<Record<string, Group>> = {
  '(garbage collector)': 'GC',
  '(idle)': 'idle',
  '(program)': '(program)',
  '(root)': '(program)',
};

/** The group of a frame's script, or `undefined` for a native frame (no script). */
export function groupOfUrl(url: string): Group | undefined {
  if (url === '') return undefined;
  if (url.startsWith('node:') || !url.includes('/')) return 'Node';
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = file.slice(modules + '/node_modules/'.length).split('/');
    const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    if (name === 'nestjs-etag' || MODULE_PACKAGES.test(name)) return 'module';
    return NEST_PACKAGES.test(name) ? 'Nest' : 'platform';
  }
  if (/\/dist-sample\/lib\/|\/lib\/(nest|http|tagging|platform|client)\//.test(file)) return 'module';
  return 'app';
}

/** A frame's script, short: `@nestjs/core/router/router-proxy.js`, `lib/nest/etag.guard.js`, `native`. */
function shortFile({ url }: CallFrame): string {
  if (url === '') return 'native';
  let file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) file = file.slice(modules + '/node_modules/'.length);
  else if (file.includes('/dist-sample/')) file = file.slice(file.indexOf('/dist-sample/') + '/dist-sample/'.length);
  return file;
}

function emptyGroups(): Record<Group, number> {
  return Object.fromEntries(GROUPS.map((group) => [group, 0])) as Record<Group, number>;
}

const OWNERS: ReadonlySet<Group> = new Set(['module', 'Nest', 'platform', 'app']);

/**
 * Named parts of the request path: a sample counts to a part when one of
 * its frames is on the stack (inclusive time, each sample once). `file`
 * matches the frame's script (its path from node_modules/ or dist-sample/).
 */
export const PARTS: readonly { readonly label: string; readonly name: RegExp; readonly file: RegExp }[] = [
  {
    label: "Nest: the route's handler chain (RouterExecutionContext: guards, pipes, interceptors, handler, reply)",
    name: /^/,
    file: /^@nestjs\/core\/router\/router-execution-context\.js$/,
  },
  { label: 'Nest: guards (GuardsConsumer.tryActivate)', name: /^tryActivate$/, file: /guards-consumer\.js$/ },
  { label: 'module: EtagGuard.canActivate', name: /^canActivate$/, file: /^lib\/nest\/etag\.guard\.js$/ },
  {
    label: 'Nest: execution context (ExecutionContextHost, switchToHttp, …)',
    name: /^(ExecutionContextHost|switchToHttp|getType|getArgs|getArgByIndex|getRequest|getResponse|getClass|getHandler)$/,
    file: /^@nestjs\/core\/helpers\/execution-context-host\.js$/,
  },
  {
    label: 'Nest: interceptors (InterceptorsConsumer.intercept)',
    name: /^intercept$/,
    file: /interceptors-consumer\.js$/,
  },
  {
    label: "Nest: the response (RouterResponseController.apply, the adapter's reply)",
    name: /^apply$/,
    file: /router-response-controller\.js$/,
  },
  {
    label: 'Nest: exception zone (ExceptionsHandler.next, the filters it runs included)',
    name: /^next$/,
    file: /^@nestjs\/core\/exceptions\/(external-)?exceptions-handler\.js$/,
  },
  { label: 'module: EtagExceptionFilter.catch', name: /^catch$/, file: /^lib\/nest\/etag-exception\.filter\.js$/ },
  {
    label: "exceptions built (the module's, Nest's HttpException, Error's stack)",
    name: /Exception$|^captureLargerStackTrace$/,
    file: /^lib\/nest\/|^@nestjs\/common\/exceptions\/|^node:internal\/errors$/,
  },
  {
    label: "module: the send hook (response-tagging's hook, the tag included)",
    name: /^/,
    file: /^lib\/nest\/response-tagging\.js$/,
  },
  {
    label: 'module: per-response wrapping (the wrappers of lib/platform, and the send they wrap)',
    name: /^(reply\.send|res\.send|res\.json|res\.setHeader|reply\.header)$/,
    file: /^lib\/platform\/http-platform\.js$/,
  },
  { label: 'module: tag computation (lib/tagging)', name: /^/, file: /^lib\/tagging\// },
  { label: 'module: condition parsing and judging (lib/http)', name: /^/, file: /^lib\/http\// },
  { label: 'hashing (node:crypto)', name: /^/, file: /^node:internal\/crypto\// },
  {
    label: "the platform's send (Fastify's Reply.send, Express's res.send)",
    name: /^(Reply\.send|send)$/,
    file: /^(fastify\/lib\/reply\.js|express\/lib\/response\.js)$/,
  },
  {
    label: "serialisation (JSON.stringify, Fastify's serialize)",
    name: /^(stringify|serialize)$/,
    file: /^(native|express\/lib\/response\.js|fastify\/lib\/reply\.js)$/,
  },
  {
    label: 'writing to the socket (node:net, stream_base_commons)',
    name: /^/,
    file: /^node:(net|internal\/stream_base_commons)$/,
  },
];

export function summariseProfile(
  profile: CpuProfile,
  facts: { readonly requests?: number; readonly cpuMicros?: number } = {},
): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  // Per node, once: its frame's key, its group (a native frame takes its
  // caller's), the owner of its self time, and the keys on its stack.
  const keyOf = new Map<number, string>();
  const groupOf = new Map<number, Group>();
  const ownerOf = new Map<number, Group>();
  // The parts (bits of PARTS) a node's stack is in.
  const partsOf = new Map<number, number>();
  const frameInfo = new Map<string, { name: string; where: string; file: string; group: Group }>();
  const resolve = (id: number): void => {
    if (groupOf.has(id)) return;
    const chain: number[] = [];
    for (let at: number | undefined = id; at !== undefined && !groupOf.has(at); at = parent.get(at)) chain.push(at);
    for (const nodeId of chain.reverse()) {
      const node = byId.get(nodeId)!;
      const up = parent.get(nodeId);
      const { functionName, url } = node.callFrame;
      const special = SPECIAL[functionName];
      // What a frame inherits from its caller: never the root's "(program)".
      const inherited = (of: Map<number, Group>): Group => {
        const group = up === undefined ? undefined : of.get(up);
        return group === undefined || !(OWNERS.has(group) || group === 'Node') ? 'Node' : group;
      };
      const group = special ?? groupOfUrl(url) ?? inherited(groupOf);
      groupOf.set(nodeId, group);
      ownerOf.set(nodeId, special ?? (OWNERS.has(group) ? group : inherited(ownerOf)));
      const key = `${functionName}|${url}|${node.callFrame.lineNumber}|${node.callFrame.columnNumber}`;
      keyOf.set(nodeId, key);
      const file = shortFile(node.callFrame);
      let parts = up === undefined ? 0 : partsOf.get(up)!;
      PARTS.forEach((part, bit) => {
        if (part.file.test(file) && part.name.test(functionName)) parts |= 1 << bit;
      });
      partsOf.set(nodeId, parts);
      if (!frameInfo.has(key)) {
        frameInfo.set(key, {
          name: functionName === '' ? '(anonymous)' : functionName,
          where: file === 'native' ? file : `${file}:${node.callFrame.lineNumber + 1}`,
          file,
          group,
        });
      }
    }
  };

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const selfByGroup = emptyGroups();
  const byOwner = emptyGroups();
  const parts = PARTS.map(() => 0);
  let sampled = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample stands for the time until the next one.
    const next = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : 0;
    const micros = Math.max(0, next);
    if (micros === 0) continue;
    const leaf = samples[i];
    resolve(leaf);
    sampled += micros;
    const leafKey = keyOf.get(leaf)!;
    self.set(leafKey, (self.get(leafKey) ?? 0) + micros);
    selfByGroup[groupOf.get(leaf)!] += micros;
    byOwner[ownerOf.get(leaf)!] += micros;
    const inParts = partsOf.get(leaf)!;
    for (let bit = 0; bit < PARTS.length; bit++) if (inParts & (1 << bit)) parts[bit] += micros;
    const seen = new Set<string>();
    for (let at: number | undefined = leaf; at !== undefined; at = parent.get(at)) {
      const key = keyOf.get(at)!;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + micros);
    }
  }
  const frames = [...frameInfo].map(([key, info]) => ({
    ...info,
    self: self.get(key) ?? 0,
    total: total.get(key) ?? 0,
  }));
  frames.sort((a, b) => b.self - a.self);
  return { sampled, requests: facts.requests, cpu: facts.cpuMicros, selfByGroup, byOwner, frames, parts };
}

/** The time the server was busy: everything sampled but idle. */
export function busy(summary: ProfileSummary): number {
  return summary.sampled - summary.selfByGroup.idle;
}

/**
 * Microseconds per request of a time of the profile (`NaN` when the
 * requests are unknown): its share of the busy time, of the CPU time when
 * known.
 */
export function perRequest(summary: ProfileSummary, time: number): number {
  if (summary.requests === undefined) return NaN;
  const scale = summary.cpu === undefined ? 1 : summary.cpu / busy(summary);
  return (time * scale) / summary.requests;
}

/** A time per request (when the requests are known) and as a share of the busy time. */
function amount(summary: ProfileSummary, time: number): [string, string] {
  const share = `${((time / busy(summary)) * 100).toFixed(1)} %`;
  return [summary.requests === undefined ? '' : micros(perRequest(summary, time)), share];
}

// Frames that only stand for "the program ran": their inclusive time is the whole profile.
const ROOTISH = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** The summary as markdown: the groups, the named parts, then the top frames by self and by inclusive time. */
export function formatSummary(summary: ProfileSummary, top = 15): string {
  const unit = summary.requests === undefined ? 'µs' : 'µs / request';
  const working = GROUPS.filter((group) => group !== 'idle');
  const groups = table(
    ['group', `self, ${unit}`, 'self, share', `by owner, ${unit}`, 'by owner, share'],
    working
      .filter((group) => summary.selfByGroup[group] > 0 || summary.byOwner[group] > 0)
      .map((group) => [
        group,
        ...amount(summary, summary.selfByGroup[group]),
        ...amount(summary, summary.byOwner[group]),
      ]),
    [1, 2, 3, 4],
  );
  const parts = table(
    ['part', `inclusive, ${unit}`, 'inclusive, share'],
    PARTS.flatMap((part, i) => (summary.parts[i] > 0 ? [[part.label, ...amount(summary, summary.parts[i])]] : [])),
    [1, 2],
  );
  const frameRows = (frames: readonly FrameTime[], value: (frame: FrameTime) => number) =>
    frames.map((frame) => [`\`${frame.name}\``, frame.where, frame.group, ...amount(summary, value(frame))]);
  const bySelf = summary.frames.filter((frame) => frame.self > 0 && frame.group !== 'idle').slice(0, top);
  const byTotal = summary.frames
    .filter((frame) => !ROOTISH.has(frame.name))
    .sort((a, b) => b.total - a.total)
    .slice(0, top);
  const header = (what: string) => ['function', 'where', 'group', `${what}, ${unit}`, `${what}, share`];
  const idle = ((summary.selfByGroup.idle / summary.sampled) * 100).toFixed(0);
  return [
    `${(summary.sampled / 1e6).toFixed(2)} s sampled, ${idle} % of it idle` +
      (summary.requests === undefined
        ? '.'
        : `; ${summary.requests.toLocaleString('en-US')} requests: ` +
          `${micros(perRequest(summary, busy(summary)))} µs a request` +
          (summary.cpu === undefined
            ? ' of busy time (sampled, less idle).'
            : ` of CPU time (the profile's busy time ${micros(busy(summary) / summary.requests)} µs).`) +
          ' Shares are of the busy time.'),
    groups,
    parts,
    `Top ${top} frames by self time:`,
    table(
      header('self'),
      frameRows(bySelf, (frame) => frame.self),
      [3, 4],
    ),
    `Top ${top} frames by inclusive time:`,
    table(
      header('inclusive'),
      frameRows(byTotal, (frame) => frame.total),
      [3, 4],
    ),
  ].join('\n\n');
}

/** What `npm run bench -- --profile` writes beside each profile. */
export interface ProfileFacts {
  readonly platform: string;
  readonly case: string;
  readonly size: string | undefined;
  readonly requests: number;
  readonly seconds: number;
  /** The CPU time the server's main thread used while it was profiled. */
  readonly cpuMicros: number;
  readonly intervalMicros: number;
}

export function factsFile(profileFile: string): string {
  return profileFile.replace(/\.cpuprofile$/, '.json');
}

export interface ProfiledRow {
  readonly platform: string;
  readonly row: string;
  readonly file: string;
  readonly summary: ProfileSummary;
}

/** Every profiled row of a platform in one table: CPU microseconds per request by owner (see ProfileSummary). */
export function ownerTable(profiled: readonly ProfiledRow[]): string {
  const working = GROUPS.filter((group) => group !== 'idle');
  return table(
    ['row', 'requests', 'CPU µs / request', ...working, 'idle share'],
    profiled.map(({ row, summary }) => {
      return [
        row,
        (summary.requests ?? NaN).toLocaleString('en-US'),
        micros(perRequest(summary, busy(summary))),
        ...working.map((group) => micros(perRequest(summary, summary.byOwner[group]))),
        `${((summary.selfByGroup.idle / summary.sampled) * 100).toFixed(0)} %`,
      ];
    }),
    [1, 2, ...working.map((_, i) => 3 + i), 3 + working.length],
  );
}

/** Every profiled row of a platform in one table: the named parts, microseconds per request. */
export function partTable(profiled: readonly ProfiledRow[]): string {
  const used = PARTS.map((_, i) => i).filter((i) => profiled.some(({ summary }) => summary.parts[i] > 0));
  return table(
    ['part', ...profiled.map(({ row }) => row)],
    used.map((i) => [PARTS[i].label, ...profiled.map(({ summary }) => micros(perRequest(summary, summary.parts[i])))]),
    profiled.map((_, p) => 1 + p),
  );
}

/** The markdown of `summary.md`: the owner tables, then each row's summary. */
export function profileReport(profiled: readonly ProfiledRow[], intro: string): string {
  const platforms = [...new Set(profiled.map((p) => p.platform))];
  return [
    '# Profiles',
    intro,
    'Groups: ' + GROUPS.map((group) => `**${group}**: ${GROUP_NOTES[group]}`).join('; ') + '.',
    "By owner: the time of Node's own and native frames counts to the innermost caller among the module, Nest, " +
      "the platform and the app (a hash the module asks of node:crypto is the module's); `Node` keeps what none of " +
      'them asked for (the HTTP parser, the event loop). Self: where the CPU was, a native frame counting to its ' +
      "caller's group.",
    ...platforms.flatMap((platform) => [
      `## ${platform}: microseconds per request, by owner`,
      ownerTable(profiled.filter((p) => p.platform === platform)),
      `## ${platform}: named parts, inclusive microseconds per request`,
      partTable(profiled.filter((p) => p.platform === platform)),
    ]),
    ...profiled.flatMap(({ platform, row, file, summary }) => [
      `## ${platform}: ${row}`,
      `\`${path.basename(path.dirname(file))}/${path.basename(file)}\`.`,
      formatSummary(summary),
    ]),
  ].join('\n\n');
}

/**
 * Summarises every profile of a folder `npm run bench -- --profile` wrote
 * (`<platform>/<row>.cpuprofile`, its facts beside it), in the order they
 * were taken.
 */
export function readProfiles(folder: string): ProfiledRow[] {
  const files = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(path.join(folder, entry.name))
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => path.join(folder, entry.name, name)),
    )
    .filter((file) => existsSync(factsFile(file)))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  return files.map((file) => {
    const facts = JSON.parse(readFileSync(factsFile(file), 'utf8')) as ProfileFacts;
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const row = facts.size === undefined ? facts.case : `${facts.size} ${facts.case}`;
    return { platform: facts.platform, row, file, summary: summariseProfile(profile, facts) };
  });
}

// Run directly: summarise the files named, or rewrite a folder's summary.md. Compared by real path:
// dist-sample is a link to the build's own folder.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === realpathSync(path.resolve(process.argv[1]))) {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at < 0 ? undefined : args.splice(at, 2)[1];
  };
  const count = (name: string): number | undefined => {
    const text = option(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} takes a positive number, got ${text}`);
    return value;
  };
  const top = count('--top') ?? 15;
  const requests = count('--requests');
  const folder = option('--folder');
  if (folder !== undefined) {
    const file = path.join(folder, 'summary.md');
    const intro = `The profiles of \`${folder}\`, summarised by \`profile-summary.js --folder\`.`;
    writeFileSync(file, await formatMarkdown(profileReport(readProfiles(folder), intro), file));
    console.log(`Written to ${file}.`);
  } else if (args.length === 0) {
    console.error(
      'usage: node dist-sample/bench/profile-summary.js <file.cpuprofile>... [--top N] [--requests N]\n' +
        '       node dist-sample/bench/profile-summary.js --folder bench/profiles',
    );
    process.exitCode = 2;
  }
  for (const file of args) {
    const facts = existsSync(factsFile(file))
      ? (JSON.parse(readFileSync(factsFile(file), 'utf8')) as ProfileFacts)
      : undefined;
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const summary = summariseProfile(profile, { requests: requests ?? facts?.requests, cpuMicros: facts?.cpuMicros });
    console.log(`## ${file}\n\n${formatSummary(summary, top)}\n`);
  }
}
