// Compiles lib/ twice, as an ES module build (dist/esm) and a CommonJS one
// (dist/cjs), each with its declarations; package.json's `exports` picks one
// by the `import` or `require` condition. A subpath (say lib/client/index.ts)
// needs no change here, only its own entry in `exports`. tsconfig.build.json sets
// stripInternal: what is marked @internal is left out of the published declarations.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const builds = [
  { config: 'tsconfig.build.json', dir: 'dist/esm', type: 'module' },
  { config: 'tsconfig.build.cjs.json', dir: 'dist/cjs', type: 'commonjs' },
];

function compile(config) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', config], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc -p ${config} exited with ${code}`))));
  });
}

// No stale files from a moved or deleted source.
rmSync(`${root}/dist`, { recursive: true, force: true });
// The two builds are independent: one core each.
await Promise.all(
  builds.map(async ({ config, dir, type }) => {
    await compile(config);
    // Node and TypeScript read a folder's .js and .d.ts files as the nearest
    // package.json's "type" says: this one makes the build what it is.
    writeFileSync(`${root}/${dir}/package.json`, `${JSON.stringify({ type })}\n`);
  }),
);
