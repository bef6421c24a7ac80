import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { compilerOptionsOf } from '../support/typescript.js';

// The README is the user's manual: every TypeScript block in it compiles as
// it stands, imports included, against the module and the sample it
// describes, so the two cannot drift apart.
const root = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(root, 'README.md'), 'utf8');
const SKIP_MARK = '<!-- not type-checked:';

interface Block {
  readonly line: number;
  readonly code: string;
  readonly skipped: boolean;
}

/** The ```ts blocks, dedented (a block may sit in a list item), with whether a marker above says to skip it. */
function typeScriptBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```ts\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const start = i;
    const code: string[] = [];
    while (!/^\s*```\s*$/.test(lines[++i]!)) code.push(lines[i]!.slice(indent));
    const above = lines.slice(Math.max(0, start - 3), start).join('\n');
    blocks.push({ line: start + 1, code: code.join('\n'), skipped: above.includes(SKIP_MARK) });
  }
  return blocks;
}

const blocks = typeScriptBlocks(README);
// Each block is read as a file of the sample's users folder, so its relative imports are the sample's own files.
const fileOf = (block: Block) => join(root, 'sample', 'users', `readme-line-${block.line}.ts`);

function compilerOptions(): ts.CompilerOptions {
  return {
    ...compilerOptionsOf(join(root, 'tsconfig.json')),
    noEmit: true,
    // What a user's app has: the package by its name, the browser's globals for the client examples.
    baseUrl: root,
    paths: { 'nestjs-etag': ['./lib/index.ts'], 'nestjs-etag/client': ['./lib/client/index.ts'] },
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
  };
}

describe('the README', () => {
  it('has its TypeScript examples, and skips none: the ORM ones compile against the examples’ ORMs', () => {
    expect(blocks.filter((block) => !block.skipped).length).toBeGreaterThanOrEqual(13);
    expect(blocks.filter((block) => block.skipped).map((block) => block.code)).toEqual([]);
  });

  it('every TypeScript block type-checks as it stands, imports included', () => {
    const checked = blocks.filter((block) => !block.skipped);
    const virtual = new Map(checked.map((block) => [fileOf(block), block.code]));
    const options = compilerOptions();
    const host = ts.createCompilerHost(options);
    const { fileExists, readFile, getSourceFile } = host;
    host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
    host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
    host.getSourceFile = (file, language, ...rest) =>
      virtual.has(file)
        ? ts.createSourceFile(file, virtual.get(file)!, language)
        : getSourceFile.call(host, file, language, ...rest);
    const program = ts.createProgram([...virtual.keys()], options, host);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file !== undefined && virtual.has(diagnostic.file.fileName))
      .map((diagnostic) => {
        const block = checked.find((each) => fileOf(each) === diagnostic.file!.fileName)!;
        const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return `README.md:${block.line + 1 + line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  });
});
