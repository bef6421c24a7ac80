import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { planComponents } from './support/component-plan.js';

/**
 * Once per run, before any suite: names each missing component (Chromium, nginx, PostgreSQL) once, with the suites
 * it skips and how to get it, or stops a CI run that would skip one; then compiles the sample, so the
 * multi-instance tests can start it as separate processes exactly as `npm start` does.
 */
export default function globalSetup() {
  const { skipped } = planComponents(process.env);
  if (skipped.length > 0) console.warn(`\n${skipped.join('\n')}\n`);

  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.sample.json'], { stdio: 'inherit' });
}
