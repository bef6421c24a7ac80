import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The packed tarball, installed into a fresh app the way a user would, must
// import, type-check and answer 200 → 304 / 428 / 412, with Nest 12 and 11.
const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

function installedVersion(name: string): string {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

const NEST_PACKAGES = ['@nestjs/common', '@nestjs/core', '@nestjs/platform-express', '@nestjs/platform-fastify'];

// Plain JavaScript, as a consumer's compiled code would be: decorators applied by hand.
const APP = `
import 'reflect-metadata';
import { Controller, Get, Module, Put } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Etag, EtagModule, RequireIfMatch } from 'nestjs-etag';

class UsersController {
  get() {
    return { name: 'Shaun', age: 27 };
  }
  put() {
    return { name: 'Shaun', age: 28 };
  }
}
const proto = UsersController.prototype;
const decorate = (name, decorators) =>
  Object.defineProperty(proto, name, Reflect.decorate(decorators, proto, name, Object.getOwnPropertyDescriptor(proto, name)));
decorate('get', [Get(), Etag()]);
decorate('put', [Put(), RequireIfMatch(), Etag()]);
Reflect.decorate([Controller('users')], UsersController);
class AppModule {}
Reflect.decorate([Module({ imports: [EtagModule.forRoot({ isGlobal: true })], controllers: [UsersController] })], AppModule);

const results = {};
for (const platform of ['express', 'fastify']) {
  const adapter = platform === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  const app = await NestFactory.create(AppModule, adapter, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()) + '/users';
  const first = await fetch(url);
  const tag = first.headers.get('etag');
  results[platform] = {
    body: await first.text(),
    tag,
    revalidated: (await fetch(url, { headers: { 'If-None-Match': tag } })).status,
    unconditionalPut: (await fetch(url, { method: 'PUT' })).status,
    staleIfMatch: (await fetch(url, { headers: { 'If-Match': '"stale"' } })).status,
  };
  await app.close();
}
console.log(JSON.stringify(results));
`;

const TYPES = `
import { Etag, EtagModule, EtagService, type EtagOptions, type CurrentState } from 'nestjs-etag';
const options: EtagOptions = { weak: true, fields: ['name'] };
export const decorators = [Etag(options), EtagModule.forRoot({ algorithm: 'sha256' })];
export type Uses = [EtagService, CurrentState<{ name: string }>];
`;

let tarball: string;
let packDir: string;

beforeAll(() => {
  packDir = mkdtempSync(join(tmpdir(), 'nestjs-etag-pack-'));
  npm(['run', 'build'], root);
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', packDir], root));
  tarball = join(packDir, packed.filename);
}, 120_000);
afterAll(() => rmSync(packDir, { recursive: true, force: true }));

describe('the packed package', () => {
  let files: string[];
  beforeAll(() => {
    files = JSON.parse(npm(['pack', '--dry-run', '--json'], root))[0].files.map((file: { path: string }) => file.path);
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

// Nest 12 as this project installs it; Nest 11, the other half of the peer range, from the registry.
describe.each([
  ['12', (name: string) => installedVersion(name)],
  ['11', () => '^11.0.0'],
])('installed in a fresh app with Nest %s', (_major, nestVersion) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(packDir, 'app-'));
    const dependencies: Record<string, string> = { 'nestjs-etag': `file:${tarball}` };
    for (const name of NEST_PACKAGES) dependencies[name] = nestVersion(name);
    for (const name of ['reflect-metadata', 'rxjs']) dependencies[name] = installedVersion(name);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module', dependencies }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
  }, 240_000);

  it('serves a tag, a 304, a 428 and a 412 on Express and Fastify', () => {
    writeFileSync(join(dir, 'app.mjs'), APP);
    const output = execFileSync(process.execPath, ['app.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const results = JSON.parse(output.trim().split('\n').pop()!);
    const expected = {
      body: '{"name":"Shaun","age":27}',
      tag: expect.stringMatching(/^"[A-Za-z0-9_-]{27}"$/),
      revalidated: 304,
      unconditionalPut: 428,
      staleIfMatch: 412,
    };
    expect(results).toEqual({ express: expected, fastify: expected });
    expect(results.fastify.tag).toBe(results.express.tag);
  });

  it('type-checks a consumer through its exports map', () => {
    writeFileSync(join(dir, 'consumer.ts'), TYPES);
    const tsc = require.resolve('typescript/bin/tsc');
    const args = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
    ];
    const flags = [...args, '--experimentalDecorators', '--skipLibCheck', 'consumer.ts'];
    expect(() => execFileSync(process.execPath, [tsc, ...flags], { cwd: dir, encoding: 'utf8' })).not.toThrow();
  });
});
