// Generates the Prisma example's client (examples/prisma/generated/, not committed) from its schema, offline:
// `prisma generate` needs no engine (the `prisma-client` generator and the pg driver adapter run on WebAssembly),
// but the CLI looks for its schema engine binary first and, not finding one, downloads it. Naming any executable
// as that binary (PRISMA_SCHEMA_ENGINE_BINARY) stops the download; generate never runs it. CHECKPOINT_DISABLE
// stops the CLI's version check, another request. Skipped when the client is newer than the schema.
//
//   node scripts/generate-prisma-example.js        (run by the tests' global setup and by `npm run lint`)
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const schema = fileURLToPath(new URL('../examples/prisma/prisma/schema.prisma', import.meta.url));
const client = fileURLToPath(new URL('../examples/prisma/generated/client.ts', import.meta.url));

export function generatePrismaExample() {
  if (existsSync(client) && statSync(client).mtimeMs > statSync(schema).mtimeMs) return;
  const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  execFileSync(process.execPath, [cli, 'generate', '--schema', schema], {
    stdio: 'inherit',
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', CHECKPOINT_DISABLE: '1' },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) generatePrismaExample();
