import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The folder list shows the architecture: the README's layout table names
// every folder of lib/ and nothing else, each layer imports only from the
// layers below it, and a file over ~150 lines says at its top why it is one
// concern.
const root = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(root, 'README.md'), 'utf8');

function walk(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? [path, ...walk(path)] : [path];
  });
}

const entries = walk(join(root, 'lib')).map((path) => relative(root, path));
const folders = entries.filter((path) => statSync(join(root, path)).isDirectory());
const sources = entries.filter((path) => path.endsWith('.ts'));

/** The layer a file of lib/ belongs to: its folder below lib/, or lib itself for lib/index.ts. */
function layerOf(path: string): string {
  return path.split('/')[1]!.endsWith('.ts') ? 'index' : path.split('/')[1]!;
}

// What each layer may import, besides itself: lib/http is the pure RFC core.
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  http: [],
  tagging: ['http'],
  platform: ['http', 'tagging'],
  nest: ['http', 'tagging', 'platform'],
  client: ['http'],
  index: ['http', 'tagging', 'platform', 'nest', 'client'],
};

function relativeImports(path: string): string[] {
  const text = readFileSync(join(root, path), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((match) =>
    relative(root, resolve(dirname(join(root, path)), match[1]!.replace(/\.js$/, '.ts'))),
  );
}

describe('the layout of lib/', () => {
  it("the README's layout table names every folder of lib/, and only those", () => {
    const table = README.slice(README.indexOf('Layout, one layer a folder'));
    const named = [...table.matchAll(/^\| `(lib\/[^`]*)`/gm)].map((match) => match[1]!.replace(/\/$/, ''));
    expect(named.filter((name) => !name.endsWith('.ts')).sort()).toEqual([...folders].sort());
    expect(named).toContain('lib/index.ts');
  });

  it.each(sources)('%s imports no layer above its own', (path) => {
    const layer = layerOf(path);
    const above = relativeImports(path).filter(
      (imported) => layerOf(imported) !== layer && !ALLOWED[layer]!.includes(layerOf(imported)),
    );
    expect(above).toEqual([]);
  });

  it.each(sources)('%s is at most ~150 lines, or says at its top why it is one concern', (path) => {
    const text = readFileSync(join(root, path), 'utf8');
    const lines = text.split('\n').length;
    if (lines <= 155) return;
    // The comment the file opens with: a block, or a run of line comments.
    const top = text.startsWith('/*') ? text.slice(0, text.indexOf('*/') + 2) : (/^(\/\/.*\n)+/.exec(text)?.[0] ?? '');
    expect(top).toMatch(/one concern/i);
  });
});
