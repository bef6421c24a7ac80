import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { compilerOptionsOf, messagesOf } from '../support/typescript.js';

// The published declarations are the public API: compiled as `npm run build`
// compiles them (stripInternal on), they expose exactly the names the README
// lists, and nothing marked @internal.
const root = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(root, 'README.md'), 'utf8');

function buildOptions(): ts.CompilerOptions {
  return {
    ...compilerOptionsOf(join(root, 'tsconfig.build.json')),
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
  };
}

/** The declarations `npm run build` writes, by path below lib/, kept in memory. */
function emitDeclarations(): Map<string, string> {
  const options = buildOptions();
  const program = ts.createProgram([join(root, 'lib/index.ts'), join(root, 'lib/client/index.ts')], options);
  const emitted = new Map<string, string>();
  const result = program.emit(undefined, (fileName, text) => {
    emitted.set(fileName.slice(options.outDir!.length + 1), text);
  });
  expect(messagesOf(result.diagnostics)).toEqual([]);
  return emitted;
}

/** The names a declaration file exports, following its re-exports through the other emitted files. */
function exportedNames(declarations: Map<string, string>, entry: string): string[] {
  const host = ts.createCompilerHost({});
  const read = host.readFile;
  const files = new Map([...declarations].map(([path, text]) => [join('/published', path), text]));
  host.readFile = (fileName) => files.get(fileName) ?? read(fileName);
  host.fileExists = (fileName) => files.has(fileName) || ts.sys.fileExists(fileName);
  const program = ts.createProgram([join('/published', entry)], { noEmit: true, skipLibCheck: true, types: [] }, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join('/published', entry))!;
  return checker
    .getExportsOfModule(checker.getSymbolAtLocation(source)!)
    .map((symbol) => symbol.name)
    .sort();
}

/** The export names the first table below `heading` whose first column is `export` lists in that column. */
function documentedNames(heading: string): string[] {
  const start = README.indexOf(heading);
  expect(start).toBeGreaterThan(-1);
  const table = README.slice(start)
    .split('\n\n')
    .find((block) => /^\| export\s/.test(block))!;
  const rows = table.split('\n').slice(2);
  return rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([A-Za-z_]+)`/g)].map((match) => match[1]!)).sort();
}

describe('the published declarations', () => {
  const declarations = emitDeclarations();

  it('type-check as they are published, every import among them resolved (skipLibCheck off)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nestjs-etag-declarations-'));
    try {
      for (const [path, text] of declarations) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), text);
      }
      const options: ts.CompilerOptions = {
        noEmit: true,
        strict: true,
        types: ['node'],
        typeRoots: [join(root, 'node_modules/@types')],
        baseUrl: root,
        paths: { '*': [join(root, 'node_modules/*')] },
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        experimentalDecorators: true,
      };
      const entries = ['index.d.ts', 'client/index.d.ts'].map((entry) => join(folder, entry));
      const program = ts.createProgram(entries, options);
      const ours = ts
        .getPreEmitDiagnostics(program)
        .filter((diagnostic) => diagnostic.file?.fileName.startsWith(folder) === true);
      expect(messagesOf(ours)).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('hold nothing marked @internal', () => {
    const internal = [...declarations].filter(([, text]) => text.includes('@internal')).map(([path]) => path);
    expect(internal).toEqual([]);
  });

  it("expose exactly what the README's index of exports lists, for nestjs-etag", () => {
    expect(exportedNames(declarations, 'index.d.ts')).toEqual(documentedNames('### Index of exports'));
  });

  it("expose exactly what the README's Client API lists, for nestjs-etag/client", () => {
    expect(exportedNames(declarations, 'client/index.d.ts')).toEqual(documentedNames('### Client API'));
  });

  it('give EtagService no member but its API, and nothing that holds a secret', () => {
    const service = declarations.get('nest/etag.service.d.ts')!;
    const members = [...service.matchAll(/^\s{4}(?:get\s+)?([a-zA-Z]\w*)\s*[(:<]/gm)].map((match) => match[1]);
    expect(members.sort()).toEqual(['assertIfMatch', 'assertIfNoneMatch', 'constructor', 'options', 'tag']);
  });
});
