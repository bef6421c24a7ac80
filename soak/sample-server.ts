import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Platform } from '../sample/platform.js';

// Compiled to dist-sample/soak/; the sample's entry point is dist-sample/sample/main.js, as `npm start` runs it.
const MAIN = fileURLToPath(new URL('../sample/main.js', import.meta.url));
const GC_ON_MESSAGE = new URL('./gc-on-message.js', import.meta.url).href;
const START_LIMIT_MS = 30_000;
const STOP_LIMIT_MS = 10_000;
const GC_LIMIT_MS = 10_000;

/** The sample in a process of its own, on 127.0.0.1 and a free port. */
export interface SampleServer {
  readonly url: string;
  readonly pid: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** `undefined` while it runs; its exit code (or signal) once it stopped. */
  exited(): string | undefined;
  /** Has it run a full garbage collection; resolves when it has. */
  collectGarbage(): Promise<void>;
  /** Stops it (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the compiled sample on `platform` with the SQLite file `database`,
 * and `secret` as its `ETAG_SECRET` (none when undefined), as `npm start`
 * does but for {@link SampleServer.collectGarbage}; resolves once it listens.
 */
export function startSample(platform: Platform, database: string, secret: string | undefined): Promise<SampleServer> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', GC_ON_MESSAGE, MAIN], {
    // DATABASE_URL would win over SAMPLE_DB.
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: '0',
      HOST: '127.0.0.1',
      PLATFORM: platform,
      SAMPLE_DB: database,
      DATABASE_URL: '',
      ETAG_SECRET: secret ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  let exit: string | undefined;
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('exit', (code, signal) => (exit = signal ?? String(code)));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not listen within ${START_LIMIT_MS / 1000} s`), START_LIMIT_MS);
    function fail(why: string): void {
      clearTimeout(timer);
      child.stdout!.off('data', listening);
      void stop(child).then(() => reject(new Error(`the sample ${why}:\n${output}`)));
    }
    function listening(): void {
      const match = /sample on \w+: (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', listening);
      child.off('exit', exited);
      resolve({
        url: match[1]!.replace('[::1]', '127.0.0.1'),
        pid: child.pid!,
        output: () => output,
        exited: () => exit,
        collectGarbage: () => collectGarbage(child),
        stop: () => stop(child),
      });
    }
    const exited = (): void => fail(`exited with ${exit}`);
    child.stdout!.on('data', listening);
    child.once('exit', exited);
  });
}

function collectGarbage(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`no garbage collection within ${GC_LIMIT_MS / 1000} s`)),
      GC_LIMIT_MS,
    );
    function done(error?: Error): void {
      clearTimeout(timer);
      child.off('message', answered);
      if (error) reject(error);
      else resolve();
    }
    const answered = (message: unknown): void => {
      if (message === 'gc done') done();
    };
    child.on('message', answered);
    // With a callback, a closed channel (the sample is gone) is an error here, not an 'error' event.
    child.send('gc', (error) => error && done(error));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A process's resident memory in bytes, from `VmRSS` in `/proc/<pid>/status` (Linux). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
