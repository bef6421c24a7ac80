import { buildSample } from '../scripts/build-sample.js';
import { planComponents } from './support/component-plan.js';

/**
 * Once per run, before any suite: names each missing component (Chromium, nginx, PostgreSQL) once, with the suites
 * it skips and how to get it, or stops a CI run that would skip one; then makes sure the sample
 * is compiled, so the multi-instance tests can start it as separate processes exactly as `npm start` does.
 */
export default async function globalSetup() {
  const { skipped } = planComponents(process.env);
  if (skipped.length > 0) console.warn(`\n${skipped.join('\n')}\n`);

  // The build npm start runs, made (or reused) under the same lock: a test run and a start never race.
  await buildSample();
}
