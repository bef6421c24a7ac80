/**
 * Which databases the database-backed suites run on, decided from an environment. Plain JavaScript, so that Jest's
 * global setup, which Node loads as it is, can say once per run what is skipped, or stop a CI run that would skip.
 */

/**
 * SQLite always; PostgreSQL when `DATABASE_URL` is set (it must be a `postgres:` or `postgresql:` URL). When it is
 * unset, PostgreSQL is skipped with the reason in `skipped`, except under CI (`CI` set to anything but `''`, `0` or
 * `false`), which never skips: then it throws.
 *
 * @param {NodeJS.ProcessEnv} env
 * @returns {import('./database-plan.js').DatabasePlan}
 */
export function planDatabases(env) {
  const url = env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL, got "${redactPassword(url)}"`);
    }
    return { kinds: ['sqlite', 'postgres'] };
  }
  if (isCi(env)) {
    throw new Error(
      'DATABASE_URL is not set, and CI runs the PostgreSQL suites too: run the tests through ' +
        '`bash scripts/with-postgres.sh npm test`, as .ci/run does, which starts a server and sets DATABASE_URL.',
    );
  }
  return {
    kinds: ['sqlite'],
    skipped:
      "PostgreSQL suites skipped: DATABASE_URL is not set. `npm run test:pg` runs them (the ORM examples' " +
      'suites among them) on a throw-away server (as CI does); or point DATABASE_URL at a server of yours, where each suite creates and drops a database ' +
      'of its own: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test`.',
  };
}

/**
 * The URL with any password replaced, fit to print.
 *
 * @param {string} url
 */
export function redactPassword(url) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** @param {NodeJS.ProcessEnv} env */
function isCi(env) {
  const ci = env.CI?.toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}
