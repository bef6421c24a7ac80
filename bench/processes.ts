import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Where the bench's processes run: the servers on one core, the load
 * process on another, with `taskset` (util-linux). Without `taskset`, or
 * with fewer than two cores to choose from, everything runs unpinned and
 * the report says so.
 */
export interface Placement {
  /** The core of the server processes, or `undefined` when unpinned. */
  readonly serverCore: number | undefined;
  /** The core of the load process, or `undefined` when unpinned. */
  readonly loadCore: number | undefined;
  /** One line for the report. */
  readonly note: string;
}

/** Finds two cores this process may run on, from `taskset`'s own view. */
export function placeProcesses(): Placement {
  const unpinned = (why: string): Placement => ({
    serverCore: undefined,
    loadCore: undefined,
    note: `not pinned (${why}): the load process and the servers share the cores, so ratios are less steady`,
  });
  const probe = spawnSync('taskset', ['-cp', String(process.pid)], { encoding: 'utf8' });
  if (probe.error !== undefined) return unpinned('taskset is not available; install util-linux');
  if (probe.status !== 0) return unpinned(`taskset failed: ${probe.stderr.trim()}`);
  const cores = parseCpuList(probe.stdout.slice(probe.stdout.lastIndexOf(':') + 1));
  if (cores.length < 2) return unpinned(`this process may use ${cores.length} core(s) only`);
  const [serverCore, loadCore] = cores;
  return { serverCore, loadCore, note: `servers pinned to core ${serverCore}, the load process to core ${loadCore}` };
}

/**
 * Which of its build's `processes` measures a case in `round`: digit
 * `build` of the round's number written in base `processes`. Two processes
 * running the same code differ by up to a tenth in speed (their memory's
 * layout, the JIT's choices), over a whole run: a ratio of two
 * builds measured on one process each would carry that difference in every
 * round. Counted this way, the rounds go through every pairing of the
 * builds' processes (with 2 processes and 3 builds, the 8 rounds are the 8
 * pairings), and the median over the rounds mixes them; cases of one build
 * share a process in each round.
 */
export function processOf(build: number, round: number, processes: number): number {
  return Math.floor(round / processes ** build) % processes;
}

/** Parses a CPU list such as `0,1` or `0-3,8`. */
export function parseCpuList(text: string): number[] {
  const cores: number[] = [];
  for (const part of text.trim().split(',')) {
    const [from, to = from] = part.split('-').map(Number);
    if (!Number.isInteger(from) || !Number.isInteger(to)) continue;
    for (let core = from; core <= to; core++) cores.push(core);
  }
  return cores;
}

// 64 MiB: above any buffer a case allocates (the largest is a 1 MB file's).
const KEEP_BYTES = 64 * 1024 * 1024;

/**
 * glibc's allocator settings for the bench's processes: freed memory is
 * kept, and buffers up to `KEEP_BYTES` come from the heap, not from a
 * mapping of their own. By default glibc gives the top of its heap back
 * past 128 KB free and maps larger buffers anew, thresholds it moves as a
 * process frees mappings: so whether a 100 KB buffer lands on pages the
 * process touched before depends on what the process served earlier. On a
 * virtual machine a page touched for the first time can cost tens of
 * microseconds: on Express's 100 KB 200, one server took 12 such faults a
 * request, then 22, by its history, and a third more CPU time for the same
 * code. Fixed, every build is measured on pages it reuses. A
 * `GLIBC_TUNABLES` set by the caller is kept as it is.
 */
export function allocatorSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.GLIBC_TUNABLES !== undefined) return env;
  return {
    ...env,
    GLIBC_TUNABLES: `glibc.malloc.trim_threshold=${KEEP_BYTES}:glibc.malloc.mmap_threshold=${KEEP_BYTES}`,
  };
}

/** What the report says of the allocator's and V8's settings. */
export function memoryNote(env: NodeJS.ProcessEnv): string {
  const glibc =
    env.GLIBC_TUNABLES === undefined
      ? `glibc keeps freed memory and serves buffers up to ${KEEP_BYTES / 1024 / 1024} MiB from its heap`
      : `GLIBC_TUNABLES=${env.GLIBC_TUNABLES} as given`;
  return `${glibc}; the servers' young generation is fixed at ${SEMI_SPACE_MB} MB a semi-space`;
}

/** The size, in MB, of each of the young generation's two semi-spaces in a server process. */
export const SEMI_SPACE_MB = 32;

/**
 * V8's settings for the server processes: a young generation of one fixed
 * size. By default V8 grows it, up to 16 MB a semi-space, by how much of
 * what the process allocated survived: so by the other cases a build
 * serves. In two runs without this, the plain build, which serves few
 * cases, served the undecorated 100 KB route 14 to 18 % slower than the
 * module's build served the same route, on both platforms; with the size
 * fixed, 1 to 2 % on Fastify in two shorter runs. (Express's plain build
 * stays slower at 100 KB: see bench/README.md, "Memory".)
 */
export const SERVER_FLAGS: readonly string[] = [
  `--min-semi-space-size=${SEMI_SPACE_MB}`,
  `--max-semi-space-size=${SEMI_SPACE_MB}`,
];

/**
 * Starts `node ...flags script ...args` with an IPC channel, on `core` when
 * given, with the allocator's settings above. `taskset` replaces itself with
 * Node, so the child's PID is Node's and the channel is inherited.
 */
export function startNode(
  script: URL,
  args: readonly string[],
  core: number | undefined,
  flags: readonly string[] = [],
): ChildProcess {
  const node = [process.execPath, ...flags, fileURLToPath(script), ...args];
  const [command, ...rest] = core === undefined ? node : ['taskset', '-c', String(core), ...node];
  return spawn(command, rest, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: allocatorSettings(process.env) });
}

/** Waits for the first message of a child, failing if it exits first. */
export function firstMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null): void =>
      reject(new Error(`${what} exited (${signal ?? `code ${code}`}) before it was ready`));
    child.once('error', reject);
    child.once('exit', onExit);
    child.once('message', (message: T) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}

/** Sends a message to a child and waits for its answer, `{ done: type, … }` (see bench/server.ts). */
export function ask<M extends { readonly type: string }, A = object>(
  child: ChildProcess,
  message: M,
  what: string,
): Promise<A> {
  return new Promise((resolve, reject) => {
    const onExit = (): void => reject(new Error(`${what} exited before it answered ${message.type}`));
    const onMessage = (answer: A & { done?: string; error?: string }): void => {
      if (answer.done !== message.type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (answer.error === undefined) resolve(answer);
      else reject(new Error(`${what}: ${message.type} failed: ${answer.error}`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(message);
  });
}

/** Asks a child to stop by closing its channel, and ends it (by its PID) if it has not within 5 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
