/**
 * Debian's nginx (or `NGINX_BIN`) as a test runs it: unprivileged, in a temporary prefix of its own (`-p`), with
 * its own configuration, on 127.0.0.1 only, in the foreground as a child of the test, and stopped by its PID.
 *
 * ```ts
 * const nginx = await startNginx((prefix, port) => `server { listen 127.0.0.1:${port}; … }`);
 * await fetch(`${nginx.url}/users/1`);
 * await nginx.stop();
 * ```
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NGINX } from './components.js';
import { freePort } from './free-port.js';

/** A running nginx. */
export interface RunningNginx {
  /** `http://127.0.0.1:port` */
  readonly url: string;
  /** Its prefix: configuration, logs, cache and temporary files. */
  readonly prefix: string;
  /** Stops it (SIGQUIT to the master, SIGKILL after 10 s) and removes its prefix. */
  stop(): Promise<void>;
}

/**
 * The `http` block's contents for a prefix and a port: the test's own `server` (and `proxy_cache_path`, …). The
 * block around it keeps every path nginx writes inside the prefix and adds two response headers a test reads:
 * `X-Cache-Status` (`$upstream_cache_status`: MISS, HIT, EXPIRED, REVALIDATED, BYPASS, …) and `X-Upstream-Status`.
 */
export type NginxHttpBlock = (prefix: string, port: number) => string;

/** Starts nginx on a free port of 127.0.0.1, resolving once it accepts connections. */
export async function startNginx(http: NginxHttpBlock): Promise<RunningNginx> {
  if (NGINX === undefined) throw new Error('startNginx(): no nginx here; wrap the suite in describeWith(NGINX)');
  // A port found free can be taken before nginx binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    const prefix = mkdtempSync(join(tmpdir(), 'nginx-'));
    // As root, nginx's workers run as nobody: they must reach the prefix to write the cache and temporary files.
    chmodSync(prefix, 0o755);
    const port = await freePort();
    writeFileSync(join(prefix, 'nginx.conf'), configuration(prefix, http(prefix, port)));
    const master = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    master.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const running: RunningNginx = {
      url: `http://127.0.0.1:${port}`,
      prefix,
      stop: () => stop(master, prefix),
    };
    try {
      await listening(master, port);
      return running;
    } catch (error) {
      const log = `${stderr}${readOr(join(prefix, 'error.log'))}`;
      await running.stop();
      if (attempt < 3 && log.includes('Address already in use')) continue;
      throw new Error(`nginx did not start: ${(error as Error).message}\n${log}`, { cause: error });
    }
  }
}

function configuration(prefix: string, http: string): string {
  return `# Written by test/support/nginx.ts for one test run.
daemon off;
master_process on;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;

events {
    worker_connections 64;
}

http {
    access_log ${prefix}/access.log;
    client_body_temp_path ${prefix}/client_body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
    add_header X-Cache-Status $upstream_cache_status always;
    add_header X-Upstream-Status $upstream_status always;

${http}
}
`;
}

/** Resolves once `port` accepts a connection; rejects when the master exits first or after 10 s. */
function listening(master: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const exited = (code: number | null) => reject(new Error(`it exited with ${code}`));
    master.once('exit', exited);
    const attempt = () => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        master.off('exit', exited);
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (master.exitCode !== null) return;
        if (Date.now() > deadline) reject(new Error('it did not listen in 10 s'));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function stop(master: ChildProcess, prefix: string): Promise<void> {
  const remove = () => rmSync(prefix, { recursive: true, force: true });
  if (master.exitCode !== null || master.signalCode !== null) {
    remove();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    // SIGQUIT: a graceful stop of the master and its workers; SIGKILL to the master if that hangs.
    const timer = setTimeout(() => master.kill('SIGKILL'), 10_000);
    master.once('exit', () => {
      clearTimeout(timer);
      remove();
      resolve();
    });
    master.kill('SIGQUIT');
  });
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
