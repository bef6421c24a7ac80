import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { planDatabases } from './support/database-plan.js';

/**
 * Once per run, before any suite: says which databases are skipped and why (or stops a CI run that would skip one),
 * then compiles the sample, so the multi-instance tests can start it as separate processes exactly as `npm start`
 * does.
 */
export default function globalSetup() {
  const { skipped } = planDatabases(process.env);
  if (skipped) console.warn(`\n${skipped}\n`);

  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.sample.json'], { stdio: 'inherit' });
}
