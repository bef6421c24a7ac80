import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The packed tarball, installed into a fresh app the way a user would, must
// import, type-check and answer 200 → 304.
const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

function installedVersion(name: string): string {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

const APP = `
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Etag, EtagModule } from 'nestjs-etag';

class UsersController {
  get() {
    return { name: 'Shaun', age: 27 };
  }
}
const get = Object.getOwnPropertyDescriptor(UsersController.prototype, 'get');
Object.defineProperty(UsersController.prototype, 'get', Reflect.decorate([Get(), Etag()], UsersController.prototype, 'get', get));
Reflect.decorate([Controller('users')], UsersController);
class AppModule {}
Reflect.decorate([Module({ imports: [EtagModule.forRoot({ isGlobal: true })], controllers: [UsersController] })], AppModule);

const app = await NestFactory.create(AppModule, { logger: false });
await app.listen(0, '127.0.0.1');
const url = (await app.getUrl()) + '/users';
const first = await fetch(url);
const tag = first.headers.get('etag');
const second = await fetch(url, { headers: { 'If-None-Match': tag } });
console.log(JSON.stringify({ first: first.status, tag, second: second.status }));
await app.close();
`;

const TYPES = `
import { Etag, EtagModule, EtagService, type EtagOptions, type CurrentState } from 'nestjs-etag';
const options: EtagOptions = { weak: true, fields: ['name'] };
export const decorators = [Etag(options), EtagModule.forRoot({ algorithm: 'sha256' })];
export type Uses = [EtagService, CurrentState<{ name: string }>];
`;

describe('the packed package', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nestjs-etag-pack-'));
    npm(['run', 'build'], root);
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], root));
    const dependencies: Record<string, string> = { 'nestjs-etag': `file:${join(dir, packed.filename)}` };
    for (const name of ['@nestjs/common', '@nestjs/core', '@nestjs/platform-express', 'reflect-metadata', 'rxjs']) {
      dependencies[name] = installedVersion(name);
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module', dependencies }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds dist only, with type declarations', () => {
    const files: string[] = JSON.parse(npm(['pack', '--dry-run', '--json'], root))[0].files.map(
      (file: { path: string }) => file.path,
    );
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(
      files.filter((file) => !file.startsWith('dist/') && file !== 'package.json' && file !== 'README.md'),
    ).toEqual([]);
  });

  it('serves a tag and a 304 in a fresh app', () => {
    writeFileSync(join(dir, 'app.mjs'), APP);
    const output = execFileSync(process.execPath, ['app.mjs'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    const result = JSON.parse(output.trim().split('\n').pop()!);
    expect(result).toEqual({ first: 200, tag: expect.stringMatching(/^"[A-Za-z0-9_-]{27}"$/), second: 304 });
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
