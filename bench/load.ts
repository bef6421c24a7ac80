import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** What one response looked like; the body is counted, not kept. */
export interface Reply {
  readonly status: number;
  readonly etag: string | undefined;
  readonly bytes: number;
}

export interface Target {
  readonly agent: http.Agent;
  readonly port: number;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
}

// Far above any latency of a healthy run; only there so that a stuck
// request cannot keep a loop from ending.
const REQUEST_TIMEOUT_MS = 5000;

/** One GET to 127.0.0.1; rejects on a transport error or a cut-off response. */
export function send(target: Target): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent: target.agent, host: '127.0.0.1', port: target.port, path: target.path, headers: target.headers },
      (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('error', reject);
        response.on('end', () => {
          const etag = response.headers.etag;
          resolve({ status: response.statusCode ?? 0, etag, bytes });
        });
        // 'close' without 'end' (no-op after it): the connection dropped mid-body.
        response.on('close', () => reject(new Error('response cut off')));
      },
    );
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error(`no response in ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end();
  });
}

export interface LoadOptions extends Target {
  readonly concurrency: number;
  readonly seconds: number;
  /** Says what is wrong with a reply, or `undefined` when it is as expected. */
  readonly check: (reply: Reply) => string | undefined;
}

export interface LoadResult {
  /** Replies that passed `check`. */
  readonly ok: number;
  /** Transport errors and replies that failed `check`. */
  readonly errors: number;
  readonly firstError: string | undefined;
  /** Wall time from the first request to the last reply. */
  readonly seconds: number;
}

/**
 * Keeps `concurrency` requests in flight for `seconds`: each of that many
 * loops sends its next request as soon as its previous one is answered, and
 * none starts one after the deadline, so the run ends by itself.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + options.seconds * 1000;

  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      let problem: string | undefined;
      try {
        problem = options.check(await send(options));
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (problem === undefined) ok++;
      else {
        errors++;
        firstError ??= problem;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  return { ok, errors, firstError, seconds: (performance.now() - start) / 1000 };
}
