import type { INestApplication } from '@nestjs/common';
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EtagModuleOptions } from '../../lib/index.js';
import { AppModule } from '../../sample/app.module.js';
import { createSampleApp, type SampleOptions } from '../../sample/create-app.js';
import type { Platform } from '../../sample/platform.js';
import { startFixtureApp } from './fixture-app.js';

// The one way the tests start the sample: in this process (createTestSample, startSampleApp; its module alone with
// other module options, startSampleModule), or in its own as `npm start` runs it (startSampleProcess).

const MAIN = fileURLToPath(new URL('../../dist-sample/sample/main.js', import.meta.url));

export interface TestSampleOptions extends Partial<Omit<SampleOptions, 'platform'>> {
  /** What the app needs before it listens: CORS, a page of its own, a request recorder. */
  readonly configure?: (app: INestApplication) => unknown;
}

/** The sample in this process, silent, on a fresh in-memory database unless told otherwise; not listening. */
export async function createTestSample(platform: Platform, options: TestSampleOptions = {}): Promise<INestApplication> {
  const { configure, database, ...sample } = options;
  const app = await createSampleApp({ platform, database: database ?? ':memory:', logger: false, ...sample });
  await configure?.(app);
  return app;
}

/** {@link createTestSample}, then listening on 127.0.0.1 on a free port. */
export async function startSampleApp(platform: Platform, options: TestSampleOptions = {}): Promise<INestApplication> {
  const app = await createTestSample(platform, options);
  await app.listen(0, '127.0.0.1');
  return app;
}

/**
 * The sample's module alone, with module options `createSampleApp` does not take (a cache policy), listening on
 * 127.0.0.1 on a free port, as a fixture app.
 */
export function startSampleModule(
  platform: Platform,
  options: { database?: string; etag?: EtagModuleOptions; configure?: TestSampleOptions['configure'] } = {},
): Promise<INestApplication> {
  return startFixtureApp(
    platform,
    { imports: [AppModule.forDatabase(options.database ?? ':memory:', options.etag)] },
    {
      configure: options.configure,
    },
  );
}

/** A sample instance in its own process, as `npm start` runs it. */
export interface SampleProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts the compiled sample (built by the global setup), or another app of
 * that build at `main` that says `… on <platform>: <url>` as it listens, on
 * 127.0.0.1 and a free port, and resolves with its URL then. Gives up after
 * {@link SAMPLE_START_LIMIT} ms: a cold start on two cores shared with other
 * suites has taken over 20 s.
 */
/** How long {@link startSampleProcess} waits for the sample to listen; a hook that starts one allows more. */
export const SAMPLE_START_LIMIT = 45_000;

export function startSampleProcess(env: Record<string, string>, main = MAIN): Promise<SampleProcess> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, NODE_OPTIONS: '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`the sample did not start in ${SAMPLE_START_LIMIT / 1000} s:\n${output}`)),
      SAMPLE_START_LIMIT,
    );
    function fail(error: Error): void {
      clearTimeout(timer);
      child.kill();
      reject(error);
    }
    child.once('close', (code) => fail(new Error(`the sample exited with ${code}:\n${output}`)));
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = / on (?:express|fastify): (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url: match[1]!.replace('[::1]', '127.0.0.1'), stop: () => stop(child) });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
