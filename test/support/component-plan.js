/**
 * What the suites that need something of the machine run on: Debian's Chromium, Debian's nginx, a PostgreSQL
 * server. Decided from an environment, in plain JavaScript, so that Jest's global setup (which Node loads as it
 * is) can say once per run what is skipped and how to get it, or stop a CI run that would skip anything; the test
 * workers read the same plan to skip those suites.
 *
 * Where each one is looked for can be changed, which is also how a test plays a machine that lacks them:
 *
 * | component  | found at                                                                    | override       |
 * | ---------- | --------------------------------------------------------------------------- | -------------- |
 * | Chromium   | `/usr/bin/chromium`                                                         | `CHROMIUM_BIN` |
 * | nginx      | `/usr/sbin/nginx`                                                           | `NGINX_BIN`    |
 * | curl       | `/usr/bin/curl`                                                             | `CURL_BIN`     |
 * | PostgreSQL | a server at `DATABASE_URL`; its absence is explained by the server programs | `PG_BINDIR`    |
 *
 * (PostgreSQL's server programs are looked for as scripts/with-postgres.sh looks for them: `PG_BINDIR`, else the
 * newest `/usr/lib/postgresql/<version>/bin`, else `initdb` on `PATH`.)
 */
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const CHROMIUM_DEFAULT = '/usr/bin/chromium';
export const NGINX_DEFAULT = '/usr/sbin/nginx';
export const CURL_DEFAULT = '/usr/bin/curl';
const POSTGRES_VERSIONS = '/usr/lib/postgresql';

/**
 * The whole plan: Chromium, nginx, then the databases. Each missing component adds one message to `skipped` that
 * names it, the suites left out and how to get it. Under CI (`CI` set to anything but `''`, `0` or `false`) nothing
 * is skipped: the first missing component throws.
 *
 * @param {NodeJS.ProcessEnv} env
 * @returns {import('./component-plan.js').ComponentPlan}
 */
export function planComponents(env) {
  const [chromium, nginx, curl] = PROGRAMS.map((program) => planProgram(env, program));
  const databases = planDatabases(env);
  const skipped = [chromium.skipped, nginx.skipped, curl.skipped, databases.skipped].filter(
    (each) => each !== undefined,
  );
  return { chromium: chromium.path, nginx: nginx.path, curl: curl.path, databases: databases.kinds, skipped };
}

/** The programs, in the order CI checks them: where each is, what needs it, how to get it. */
const PROGRAMS = [
  {
    name: 'Chromium',
    fallback: CHROMIUM_DEFAULT,
    variable: 'CHROMIUM_BIN',
    suites: 'the browser suites (test/browser/, test/client/browser*.e2e.spec.ts)',
    install: 'apt-get install chromium',
  },
  {
    name: 'nginx',
    fallback: NGINX_DEFAULT,
    variable: 'NGINX_BIN',
    suites: 'the shared-cache suites (test/nginx/)',
    install: 'apt-get install nginx',
  },
  {
    name: 'curl',
    fallback: CURL_DEFAULT,
    variable: 'CURL_BIN',
    suites: "the curl suites (test/e2e/sample-curl.e2e.spec.ts, the README's transcript)",
    install: 'apt-get install curl',
  },
];

/**
 * @param {NodeJS.ProcessEnv} env
 * @param {(typeof PROGRAMS)[number]} program
 * @returns {{ path?: string, skipped?: string }}
 */
function planProgram(env, { name, fallback, variable, suites, install }) {
  const path = env[variable] || fallback;
  if (isExecutable(path)) return { path };
  if (isCi(env)) {
    throw new Error(
      `${name} is missing: ${path} is not an executable file, and CI runs every suite. ` +
        `Install it (\`${install}\`, as .ci/run does), or set ${variable} to where it is.`,
    );
  }
  return {
    skipped:
      `${name} is missing (${path} is not an executable file): ${suites} are skipped. ` +
      `Get it with \`${install}\`, or set ${variable} to where it is.`,
  };
}

/**
 * SQLite always; PostgreSQL when `DATABASE_URL` is set (it must be a `postgres:` or `postgresql:` URL). When it is
 * unset, PostgreSQL is skipped with the reason in `skipped`, which says how to get a server when this machine has
 * none, except under CI, which never skips: then it throws.
 *
 * @param {NodeJS.ProcessEnv} env
 * @returns {import('./component-plan.js').DatabasePlan}
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
  const server = postgresBindir(env);
  const own = 'or point DATABASE_URL at a server of yours, where each suite creates and drops a database of its own: ';
  const example = '`DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test`.';
  return {
    kinds: ['sqlite'],
    skipped:
      server === undefined
        ? 'PostgreSQL suites skipped: DATABASE_URL is not set, and there is no PostgreSQL server here ' +
          `(no initdb in ${env.PG_BINDIR ? `PG_BINDIR=${env.PG_BINDIR}` : `${POSTGRES_VERSIONS}/*/bin or on PATH`}). ` +
          'Get one with `apt-get install postgresql`, then `npm run test:pg` runs them on a throw-away server ' +
          `(as CI does); ${own}${example}`
        : 'PostgreSQL suites skipped: DATABASE_URL is not set. `npm run test:pg` runs them on a throw-away server ' +
          `(as CI does); ${own}${example}`,
  };
}

/**
 * The folder of PostgreSQL's server programs, found as scripts/with-postgres.sh finds it, or `undefined`.
 *
 * @param {NodeJS.ProcessEnv} env
 */
function postgresBindir(env) {
  const holdsServer = (dir) => isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl'));
  if (env.PG_BINDIR) return holdsServer(env.PG_BINDIR) ? env.PG_BINDIR : undefined;
  let versions = [];
  try {
    versions = readdirSync(POSTGRES_VERSIONS);
  } catch {
    // No Debian PostgreSQL packages.
  }
  const newest = versions
    .map((version) => join(POSTGRES_VERSIONS, version, 'bin'))
    .filter(holdsServer)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .at(-1);
  return newest ?? (env.PATH ?? '').split(delimiter).find((dir) => dir !== '' && holdsServer(dir));
}

/**
 * The URL with any password replaced, fit to print.
 *
 * @param {string} url
 */
export function redactPassword(url) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {NodeJS.ProcessEnv} env */
function isCi(env) {
  const ci = env.CI?.toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}
