import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_DEFAULT, CURL_DEFAULT, NGINX_DEFAULT, planComponents, planDatabases } from './component-plan.js';

const SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

// A machine of stubs: executables where the components would be, and paths where nothing is.
let root: string;
let present: NodeJS.ProcessEnv;
let absent: NodeJS.ProcessEnv;

function executable(path: string): string {
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'component-plan-'));
  mkdirSync(join(root, 'pg'));
  executable(join(root, 'pg', 'initdb'));
  executable(join(root, 'pg', 'pg_ctl'));
  present = {
    CHROMIUM_BIN: executable(join(root, 'chromium')),
    NGINX_BIN: executable(join(root, 'nginx')),
    CURL_BIN: executable(join(root, 'curl')),
    PG_BINDIR: join(root, 'pg'),
  };
  absent = {
    CHROMIUM_BIN: join(root, 'missing', 'chromium'),
    NGINX_BIN: join(root, 'missing', 'nginx'),
    CURL_BIN: join(root, 'missing', 'curl'),
    PG_BINDIR: join(root, 'missing', 'pg'),
  };
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const chromiumSkipped = (path: string) =>
  `Chromium is missing (${path} is not an executable file): the browser suites (test/browser/, ` +
  'test/client/browser*.e2e.spec.ts) are skipped. Get it with `apt-get install chromium`, or set CHROMIUM_BIN to ' +
  'where it is.';
const nginxSkipped = (path: string) =>
  `nginx is missing (${path} is not an executable file): the shared-cache suites (test/nginx/) are skipped. ` +
  'Get it with `apt-get install nginx`, or set NGINX_BIN to where it is.';
const curlSkipped = (path: string) =>
  `curl is missing (${path} is not an executable file): the curl suites (test/e2e/sample-curl.e2e.spec.ts, the ` +
  "README's transcript) are skipped. Get it with `apt-get install curl`, or set CURL_BIN to where it is.";

describe('planComponents', () => {
  it("looks for Debian's Chromium, nginx and curl by default", () => {
    expect([CHROMIUM_DEFAULT, NGINX_DEFAULT, CURL_DEFAULT]).toEqual([
      '/usr/bin/chromium',
      '/usr/sbin/nginx',
      '/usr/bin/curl',
    ]);
  });

  describe('every component there', () => {
    it('runs everything and skips nothing, under CI too', () => {
      const expected = {
        chromium: present.CHROMIUM_BIN,
        nginx: present.NGINX_BIN,
        curl: present.CURL_BIN,
        databases: ['sqlite', 'postgres'],
        skipped: [],
      };
      expect(planComponents({ ...present, DATABASE_URL: SERVER })).toEqual(expected);
      expect(planComponents({ ...present, DATABASE_URL: SERVER, CI: 'true' })).toEqual(expected);
    });
  });

  describe('on a developer machine without them (CI unset)', () => {
    it('skips the suites of each, naming it once with how to get it', () => {
      const plan = planComponents(absent);
      expect(plan).toEqual({
        chromium: undefined,
        nginx: undefined,
        curl: undefined,
        databases: ['sqlite'],
        skipped: [
          chromiumSkipped(absent.CHROMIUM_BIN!),
          nginxSkipped(absent.NGINX_BIN!),
          curlSkipped(absent.CURL_BIN!),
          'PostgreSQL suites skipped: DATABASE_URL is not set, and there is no PostgreSQL server here (no initdb in ' +
            `PG_BINDIR=${absent.PG_BINDIR}). Get one with \`apt-get install postgresql\`, then \`npm run test:pg\` ` +
            'runs them on a throw-away server (as CI does); or point DATABASE_URL at a server of yours, where each ' +
            'suite creates and drops a database of its own: ' +
            '`DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test`.',
        ],
      });
    });

    it('skips only what is missing', () => {
      const plan = planComponents({ ...present, NGINX_BIN: absent.NGINX_BIN, DATABASE_URL: SERVER });
      expect(plan).toMatchObject({
        chromium: present.CHROMIUM_BIN,
        nginx: undefined,
        databases: ['sqlite', 'postgres'],
      });
      expect(plan.skipped).toEqual([nginxSkipped(absent.NGINX_BIN!)]);
    });

    it('counts a file that is not executable as missing', () => {
      const path = join(root, 'not-executable');
      writeFileSync(path, '');
      chmodSync(path, 0o644);
      expect(planComponents({ ...present, CHROMIUM_BIN: path }).skipped[0]).toBe(chromiumSkipped(path));
    });

    it.each(['', '0', 'false', 'False'])('counts CI=%j as a developer machine', (ci) => {
      expect(planComponents({ ...absent, CI: ci }).skipped).toHaveLength(4);
    });
  });

  describe('under CI, which never skips', () => {
    it.each(['true', '1', 'yes'])('CI=%j fails at the first missing component, Chromium', (ci) => {
      expect(() => planComponents({ ...absent, CI: ci })).toThrow(
        `Chromium is missing: ${absent.CHROMIUM_BIN} is not an executable file, and CI runs every suite. ` +
          'Install it (`apt-get install chromium`, as .ci/run does), or set CHROMIUM_BIN to where it is.',
      );
    });

    it('then nginx', () => {
      expect(() => planComponents({ ...present, NGINX_BIN: absent.NGINX_BIN, CI: 'true' })).toThrow(
        `nginx is missing: ${absent.NGINX_BIN} is not an executable file, and CI runs every suite. ` +
          'Install it (`apt-get install nginx`, as .ci/run does), or set NGINX_BIN to where it is.',
      );
    });

    it('then PostgreSQL', () => {
      expect(() => planComponents({ ...present, CI: 'true' })).toThrow('DATABASE_URL is not set, and CI runs');
    });
  });
});

describe('planDatabases', () => {
  describe('with DATABASE_URL', () => {
    it('runs SQLite, then PostgreSQL', () => {
      expect(planDatabases({ DATABASE_URL: SERVER })).toEqual({ kinds: ['sqlite', 'postgres'] });
      expect(planDatabases({ DATABASE_URL: SERVER, CI: 'true' })).toEqual({ kinds: ['sqlite', 'postgres'] });
    });

    it('takes the postgresql:// scheme too', () => {
      expect(planDatabases({ DATABASE_URL: 'postgresql://u@db/x' }).kinds).toEqual(['sqlite', 'postgres']);
    });

    it('refuses a URL of another kind, without printing its password', () => {
      expect(() => planDatabases({ DATABASE_URL: 'mysql://root:secret@127.0.0.1/db' })).toThrow(
        'DATABASE_URL must be a postgres:// or postgresql:// URL, got "mysql://root:***@127.0.0.1/db"',
      );
    });
  });

  describe('without DATABASE_URL', () => {
    it('skips PostgreSQL where a server can be started, saying how', () => {
      expect(planDatabases({ PG_BINDIR: present.PG_BINDIR })).toEqual({
        kinds: ['sqlite'],
        skipped:
          'PostgreSQL suites skipped: DATABASE_URL is not set. `npm run test:pg` runs them on a throw-away server ' +
          '(as CI does); or point DATABASE_URL at a server of yours, where each suite creates and drops a database ' +
          'of its own: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test`.',
      });
    });

    it('says how to get a server where there is none', () => {
      expect(planDatabases({ PG_BINDIR: absent.PG_BINDIR }).skipped).toMatch(
        /^PostgreSQL suites skipped: DATABASE_URL is not set, and there is no PostgreSQL server here .* Get one with `apt-get install postgresql`/,
      );
    });

    it('counts an empty DATABASE_URL as unset', () => {
      expect(planDatabases({ DATABASE_URL: '' }).kinds).toEqual(['sqlite']);
      expect(() => planDatabases({ DATABASE_URL: '', CI: 'true' })).toThrow('DATABASE_URL is not set');
    });

    it.each(['true', '1', 'yes'])('fails under CI=%j, which never skips', (ci) => {
      expect(() => planDatabases({ CI: ci })).toThrow(
        'DATABASE_URL is not set, and CI runs the PostgreSQL suites too: run the tests through ' +
          '`bash scripts/with-postgres.sh npm test`, as .ci/run does, which starts a server and sets DATABASE_URL.',
      );
    });
  });
});
