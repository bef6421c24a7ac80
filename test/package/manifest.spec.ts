import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The packages lib/ imports at run time or for its types, by package name. */
function importedPackages(): Set<string> {
  const names = new Set<string>();
  for (const file of sources(join(root, 'lib'))) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
      if (specifier!.startsWith('.') || specifier!.startsWith('node:')) continue;
      const parts = specifier!.split('/');
      names.add(specifier!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
    }
  }
  return names;
}

/** One entry point in `exports`: a build per condition, each with its declarations. */
type EntryPoint = Record<'import' | 'require', { types: string; default: string }>;

/** Every entry point, `.` and any subpath, by its subpath. */
const entryPoints = Object.entries(manifest.exports as Record<string, EntryPoint>).filter(
  ([subpath]) => subpath !== './package.json',
);

describe('package.json', () => {
  it('declares every package lib/ imports as a dependency or a peer', () => {
    const declared = { ...manifest.dependencies, ...manifest.peerDependencies };
    const missing = [...importedPackages()].filter((name) => !(name in declared));
    expect(missing).toEqual([]);
  });

  it('has Nest, reflect-metadata and rxjs as peers for Nest 11 and 12, never as dependencies', () => {
    for (const name of ['@nestjs/common', '@nestjs/core']) {
      expect(manifest.peerDependencies[name]).toBe('^11.0.0 || ^12.0.0');
      expect(manifest.dependencies[name]).toBeUndefined();
    }
    expect(manifest.peerDependencies['reflect-metadata']).toBeDefined();
    expect(manifest.peerDependencies.rxjs).toBeDefined();
    expect(manifest.dependencies['object-hash']).toBeDefined();
  });

  it('publishes dist only', () => {
    expect(manifest.files).toEqual(['dist']);
    expect(manifest.exports['./package.json']).toBe('./package.json');
  });

  // `import` gets the ES module build, `require` the CommonJS one; a subpath added later is held to the same.
  it.each(entryPoints)('exports %s as an ES module and a CommonJS build, each with its types', (_subpath, entry) => {
    expect(Object.keys(entry)).toEqual(['import', 'require']);
    for (const [condition, dir] of [
      ['import', './dist/esm/'],
      ['require', './dist/cjs/'],
    ] as const) {
      const target = entry[condition];
      // TypeScript takes the first key that matches: `types` must come first.
      expect(Object.keys(target)).toEqual(['types', 'default']);
      expect(target.default.startsWith(dir) && target.default.endsWith('.js')).toBe(true);
      expect(target.types).toBe(target.default.replace(/\.js$/, '.d.ts'));
    }
  });

  it('points main and types, for tools that ignore exports, at the CommonJS build', () => {
    expect(manifest.main).toBe(manifest.exports['.'].require.default);
    expect(manifest.types).toBe(manifest.exports['.'].require.types);
  });

  it('pins TypeScript below 7, which ts-jest does not support', () => {
    expect(manifest.devDependencies.typescript).toMatch(/^~?[56]\./);
  });
});
