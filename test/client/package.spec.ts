import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));
const clientDir = join(root, 'lib', 'client');
const sources = readdirSync(clientDir)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(clientDir, name));

/** The README's "Client" section. */
function clientSection(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Client\n'));
  return section.slice(0, section.indexOf('\n## ', 1));
}

/** The ```ts blocks of the README's "Client" section. */
function readmeSnippets(): string[] {
  return [...clientSection().matchAll(/```ts\n([\s\S]*?)```/g)].map(([, code]) => code!);
}

/** TypeScript's complaints about `files`, each as `file:line: message`. */
function diagnostics(options: ts.CompilerOptions, files: string[], virtual = new Map<string, string>()): string[] {
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile } = host;
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...files, ...virtual.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start!).line + 1}: `
      : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
}

describe('nestjs-etag/client, the package', () => {
  it('is the ./client export of both builds, with its types, where npm run build puts lib/client', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(manifest.exports['./client']).toEqual({
      import: { types: './dist/esm/client/index.d.ts', default: './dist/esm/client/index.js' },
      require: { types: './dist/cjs/client/index.d.ts', default: './dist/cjs/client/index.js' },
    });
    const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
    expect(build.compilerOptions).toMatchObject({ rootDir: 'lib', outDir: 'dist/esm' });
  });

  it('compiles with the ES module build config to client/index.js, an ES module that runs, and its declarations', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'nestjs-etag-client-'));
    try {
      const build = ts.getParsedCommandLineOfConfigFile(
        join(root, 'tsconfig.build.json'),
        { outDir, sourceMap: false },
        {
          ...ts.sys,
          onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
            throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
          },
        },
      )!;
      const emitted = ts.createProgram(sources, build.options).emit();
      expect(emitted.diagnostics).toEqual([]);
      expect(existsSync(join(outDir, 'client', 'index.d.ts'))).toBe(true);
      // The package says "type": "module"; so does this stand-in.
      writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
      const client = await import(join(outDir, 'client', 'index.js'));
      expect(Object.keys(client).sort()).toEqual([
        'EtagClient',
        'HttpError',
        'MemoryStore',
        'PreconditionFailedError',
        'PreconditionRequiredError',
        'WeakTagError',
      ]);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it("names every export of lib/client/index.ts, types included, in a table of the README's Client section", () => {
    const program = ts.createProgram([join(clientDir, 'index.ts')], { module: ts.ModuleKind.NodeNext });
    const checker = program.getTypeChecker();
    const index = checker.getSymbolAtLocation(program.getSourceFile(join(clientDir, 'index.ts'))!)!;
    const exported = checker.getExportsOfModule(index).map((symbol) => symbol.name);
    expect(exported.length).toBeGreaterThanOrEqual(15);
    const tableCells = clientSection()
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .join('\n');
    expect(exported.filter((name) => !tableCells.includes(`\`${name}\``))).toEqual([]);
  });

  it('imports nothing but its own files and pure files of lib/http that import nothing: no Nest, no Node, no package', () => {
    const importsOf = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map(([, specifier]) => specifier!);
    const outside = [...new Set(sources.flatMap(importsOf).filter((specifier) => !specifier.startsWith('./')))];
    expect(outside.sort()).toEqual(['../http/cache-control.js', '../http/client-read-headers.js']);
    for (const specifier of outside) {
      expect(importsOf(join(clientDir, specifier.replace(/\.js$/, '.ts')))).toEqual([]);
    }
  });

  it("type-checks for a browser, without Node's types, and so do the README's Client examples", () => {
    const snippets = readmeSnippets();
    expect(snippets.length).toBeGreaterThanOrEqual(3);
    const virtual = new Map(
      snippets.map((code, index) => [
        join(root, `readme-client-${index + 1}.ts`),
        code.replaceAll("from 'nestjs-etag/client'", "from './lib/client/index.js'"),
      ]),
    );
    const browser: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    };
    expect(diagnostics(browser, sources, virtual)).toEqual([]);
  });
});
