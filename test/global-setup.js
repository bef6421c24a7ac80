import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildSample } from '../scripts/build-sample.js';
import { generatePrismaExample } from '../scripts/generate-prisma-example.js';
import { planComponents } from './support/component-plan.js';

/**
 * Once per run, before any suite: names each missing component (Chromium, nginx, PostgreSQL) once, with the suites
 * it skips and how to get it, or stops a CI run that would skip one; then makes sure the sample is compiled, so the
 * multi-instance tests can start it as separate processes exactly as `npm start` does. Where the PostgreSQL suites
 * run, the ORM examples too: the Prisma example's client is generated (offline), and the examples are compiled to
 * dist-examples/, apart from the sample, whose build (and `npm start`) never depends on them.
 */
export default async function globalSetup() {
  const { skipped, databases } = planComponents(process.env);
  if (skipped.length > 0) console.warn(`\n${skipped.join('\n')}\n`);

  // The build npm start runs, made (or reused) under the same lock: a test run and a start never race.
  await buildSample();
  if (databases.includes('postgres')) {
    generatePrismaExample();
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.examples.json'], { stdio: 'inherit' });
  }
}
