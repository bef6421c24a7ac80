import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describeDualPackage } from './dual-package.js';
import { run } from './run.js';

// The packed tarball, installed as a user installs it, in the two kinds of app
// it serves: a Nest 11 app compiled to CommonJS and tested with Jest, and a
// Nest 12 app written as ES modules and tested with Vitest. Each builds it with
// its own compiler, passes its own tests on Express and Fastify, and runs its
// build under Node.
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'test/package/fixtures');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The apps and the tarball they install (as ../nestjs-etag.tgz) sit side by side here.
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'nestjs-etag-pack-'));
  run('npm', ['run', 'build'], root);
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
  renameSync(join(work, packed.filename), join(work, 'nestjs-etag.tgz'));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  let files: string[];
  beforeAll(() => {
    files = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], root))[0].files.map(
      (file: { path: string }) => file.path,
    );
  }, 60_000);

  it('holds dist only', () => {
    const others = files.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md'].includes(file));
    expect(others).toEqual([]);
  });

  it('holds every file its exports map names', () => {
    const targets = Object.values(manifest.exports).flatMap((entry) =>
      typeof entry === 'string' ? [] : Object.values(entry as Record<string, Record<string, string>>),
    );
    for (const target of targets) {
      for (const file of Object.values(target)) expect(files).toContain(file.replace(/^\.\//, ''));
    }
  });

  it('marks each build folder with its module type, for Node and TypeScript', () => {
    expect(files).toContain('dist/esm/package.json');
    expect(files).toContain('dist/cjs/package.json');
    expect(JSON.parse(readFileSync(join(root, 'dist/esm/package.json'), 'utf8'))).toEqual({ type: 'module' });
    expect(JSON.parse(readFileSync(join(root, 'dist/cjs/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  });
});

/** Lays out a starter (its own files and the shared app in fixtures/app) beside the tarball and installs it. */
function installStarter(name: string): string {
  const dir = join(work, name);
  cpSync(join(fixtures, name), dir, { recursive: true });
  cpSync(join(fixtures, 'app'), dir, { recursive: true });
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir, 300_000);
  return dir;
}

/** Starts the app's build as `npm run start:prod` does, on a free port, and asks it for a tag, then a 304. */
async function revalidateAgainstBuild(dir: string, main: string): Promise<{ status: number; ifNoneMatch: number }> {
  const child = spawn(process.execPath, [main], {
    cwd: dir,
    env: { ...process.env, NODE_OPTIONS: '', PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const settle = (result: string | Error): void => {
        clearTimeout(timer);
        if (typeof result === 'string') resolve(result);
        else reject(result);
      };
      const timer = setTimeout(() => settle(new Error(`${main} did not start within 30 s`)), 30_000);
      child.once('exit', (code) => settle(new Error(`${main} exited with ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const listening = /^Listening on (\S+)$/.exec(line);
        if (listening) settle(listening[1]!);
      });
    });
    const first = await fetch(`${url}/users/1`);
    const again = await fetch(`${url}/users/1`, { headers: { 'If-None-Match': first.headers.get('etag')! } });
    return { status: first.status, ifNoneMatch: again.status };
  } finally {
    child.kill();
  }
}

// Where a type check finds its compiler: the app's own, or this project's TypeScript 6.
const appTsc = (app: string): string => join(app, 'node_modules/typescript/bin/tsc');
const projectTsc = (): string => createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');

const STARTERS = [
  {
    name: 'nest11-commonjs',
    title: 'a Nest 11 app compiled to CommonJS (TypeScript 5.7, Jest and ts-jest)',
    tests: ['test', 'test:e2e'],
    // The require side of the exports map, as TypeScript resolves it for CommonJS
    // (the app's own build is module nodenext, as Nest 11's starter has it).
    typeChecks: [
      [
        '5.7, module commonjs',
        appTsc,
        ['--module', 'commonjs', '--moduleResolution', 'node10', '--resolvePackageJsonExports', 'false'],
      ],
      ['5.7, module node16', appTsc, ['--module', 'node16', '--moduleResolution', 'node16']],
      // TypeScript 6 no longer loads every @types package by default.
      ['6, module nodenext', projectTsc, ['--ignoreDeprecations', '6.0', '--types', 'node']],
    ],
  },
  {
    name: 'nest12-esm',
    title: 'a Nest 12 app written as ES modules (TypeScript 6, Vitest)',
    tests: ['test'],
    // The import side, as a bundler resolves it (the app's own build is module nodenext).
    typeChecks: [['6, moduleResolution bundler', appTsc, ['--module', 'esnext', '--moduleResolution', 'bundler']]],
  },
] as const;

describe.each(STARTERS)('in $title', ({ name, tests, typeChecks }) => {
  let app: string;
  beforeAll(() => {
    app = installStarter(name);
  }, 300_000);

  it('builds with its own tsc, and the build runs under Node: a tag, then a 304', async () => {
    run('npm', ['run', 'build'], app);
    await expect(revalidateAgainstBuild(app, 'dist/main.js')).resolves.toEqual({ status: 200, ifNoneMatch: 304 });
  }, 120_000);

  it.each(typeChecks)(
    'type-checks with TypeScript %s',
    (_setting, tsc, flags) => {
      run(
        process.execPath,
        [tsc(app), '-p', 'tsconfig.build.json', '--noEmit', '--incremental', 'false', ...flags],
        app,
      );
    },
    60_000,
  );

  it(`passes its own tests (${tests.map((script) => `npm run ${script}`).join(', ')}), unit and e2e on Express and Fastify`, () => {
    for (const script of tests) run('npm', ['run', script], app);
  }, 180_000);

  describeDualPackage(() => app);
});
