import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/free-port.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What `npm start` reads of a checkout; node_modules is linked, as `npm ci` would have made it. */
const CHECKOUT = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.sample.json',
  'scripts',
  'lib',
].concat(['sample', 'bench', 'soak']);

/** One `npm start`, its output so far, and the address it printed once it listens. */
interface Start {
  readonly child: ChildProcess;
  output: string;
  readonly listening: Promise<string>;
}

// npm and the sample see the environment a user's shell would give them, not Jest's.
function userEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|NODE_OPTIONS$|JEST_|DATABASE_URL$|SAMPLE_DB$|PORT$|HOST$|PLATFORM$)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

function npmStart(cwd: string, env: Record<string, string>): Start {
  // A process group of its own, so that the test stops npm, its shell and the sample together, by the group's id.
  const child = spawn('npm', ['start'], { cwd, env: userEnvironment(env), detached: true });
  const start: Start = {
    child,
    output: '',
    listening: new Promise((resolve, reject) => {
      const read = (chunk: Buffer) => {
        start.output += chunk.toString();
        const match = /sample on \w+: (http:\/\/\S+)/.exec(start.output);
        if (match) resolve(match[1]!);
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${start.output}`)));
    }),
  };
  return start;
}

function stop(start: Start): Promise<void> {
  if (start.child.exitCode !== null || start.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    start.child.once('exit', () => resolve());
    process.kill(-start.child.pid!, 'SIGTERM');
  });
}

describe('npm start', () => {
  let checkout: string;
  const starts: Start[] = [];

  beforeAll(() => {
    // A fresh checkout: no build, no database.
    checkout = mkdtempSync(join(tmpdir(), 'npm-start-'));
    for (const entry of CHECKOUT) {
      cpSync(join(ROOT, entry), join(checkout, entry), {
        recursive: true,
        filter: (source) => !/\.db(-wal|-shm)?$/.test(source),
      });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  });

  afterAll(async () => {
    await Promise.all(starts.map(stop));
    rmSync(checkout, { recursive: true, force: true });
  });

  it('three started at once from one fresh checkout all start, build the sample once, and share its seeded database', async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    const platforms = ['express', 'fastify', 'express'];
    starts.push(
      ...ports.map((port, i) => npmStart(checkout, { PORT: String(port), HOST: '127.0.0.1', PLATFORM: platforms[i]! })),
    );

    const urls = await Promise.all(starts.map((start) => start.listening));
    expect(urls).toEqual(ports.map((port) => `http://127.0.0.1:${port}`));
    for (const [i, start] of starts.entries()) {
      expect(start.output).toContain(`nestjs-etag sample on ${platforms[i]}: http://127.0.0.1:${ports[i]}`);
      expect(start.output).toContain(`(database: ${join(checkout, 'sample', 'users.db')};`);
    }

    const responses = await Promise.all(urls.map((url) => fetch(`${url}/users/1`)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    const users = (await Promise.all(responses.map((response) => response.json()))) as { updatedAt: string }[];
    for (const user of users) expect(user).toMatchObject({ id: 1, name: 'Shaun', age: 27, version: 1 });
    // One database, seeded once: the same user, the same tag, from all three.
    expect(new Set(responses.map((response) => response.headers.get('ETag'))).size).toBe(1);
    expect(new Set(users.map((user) => user.updatedAt)).size).toBe(1);

    // One compiled the sample; the others waited for it and reused its build.
    const output = starts.map((start) => start.output).join('\n');
    expect(output.match(/build-sample: compiled \.dist-sample\.[0-9a-f]{16} in/g)).toHaveLength(1);
    expect(readdirSync(checkout).filter((entry) => entry.startsWith('.dist-sample.'))).toHaveLength(1);
  }, 240_000);

  it('a new SQLite file opened by eight processes at once is created and seeded once, every time', async () => {
    // The compiled store, as the sample opens its default database on start.
    const store = join(ROOT, 'dist-sample', 'sample', 'store', 'sqlite.js');
    const script = `import { openDatabase } from ${JSON.stringify(store)};
      const db = openDatabase(process.argv[1]);
      console.log(JSON.stringify(db.prepare('SELECT id, name, version FROM users').all()));`;
    const open = (file: string) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, file], {
          env: userEnvironment({}),
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        // 'close', not 'exit': a process that has exited may still have output in the pipe.
        child.once('close', (code) => (code === 0 ? resolve(output.trim()) : reject(new Error(output))));
      });
    for (let round = 0; round < 3; round++) {
      const file = join(checkout, `round-${round}.db`);
      const seen = await Promise.all(Array.from({ length: 8 }, () => open(file)));
      expect(seen).toEqual(Array(8).fill(JSON.stringify([{ id: 1, name: 'Shaun', version: 1 }])));
    }
  }, 120_000);
});
