import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist-sample/sample/main.js', import.meta.url));

/** A sample instance in its own process, as `npm start` runs it. */
export interface SampleProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts the compiled sample (built by the global setup), or another app of
 * that build at `main` that says `… on <platform>: <url>` as it listens, on
 * 127.0.0.1 and a free port, and resolves with its URL then. Gives up after 20 s.
 */
export function startSampleProcess(env: Record<string, string>, main = MAIN): Promise<SampleProcess> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, NODE_OPTIONS: '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the sample did not start in 20 s:\n${output}`)), 20_000);
    function fail(error: Error): void {
      clearTimeout(timer);
      child.kill();
      reject(error);
    }
    child.once('exit', (code) => fail(new Error(`the sample exited with ${code}:\n${output}`)));
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
