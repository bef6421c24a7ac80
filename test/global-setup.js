import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { generatePrismaExample } from '../scripts/generate-prisma-example.js';
import { planDatabases } from './support/database-plan.js';

/**
 * Once per run, before any suite: says which databases are skipped and why (or stops a CI run that would skip one),
 * then generates the Prisma example's client (offline) and compiles the sample and the examples, so the
 * multi-instance tests can start them as separate processes exactly as `npm start` does.
 */
export default function globalSetup() {
  const { skipped } = planDatabases(process.env);
  if (skipped) console.warn(`\n${skipped}\n`);

  generatePrismaExample();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.sample.json'], { stdio: 'inherit' });
}
