import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm test` on a machine without Chromium, nginx, curl or PostgreSQL, played by pointing the four somewhere empty: Jest
// runs, as npm test runs it, the suites that need them (and one that needs none), with the real global setup.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// As npm test runs it: the package's own bin (its exports map does not expose it to resolve()).
const JEST = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const SUITES = [
  'test/browser/caching.e2e.spec.ts',
  'test/nginx/shared-cache.e2e.spec.ts',
  'test/support/databases.spec.ts',
];

interface JestRun {
  readonly code: number | null;
  readonly output: string;
  /** Jest's --json report, when it got as far as writing one. */
  readonly report?: {
    numFailedTests: number;
    numPassedTests: number;
    numPendingTests: number;
    testResults: { name: string; status: string; assertionResults: { status: string }[] }[];
  };
}

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'bare-machine-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function bareMachineJest(extra: Record<string, string>): Promise<JestRun> {
  const env: NodeJS.ProcessEnv = {};
  // Nothing of this run's own environment that names a component or CI, and none of Jest's.
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(CI|DATABASE_URL|CHROMIUM_BIN|NGINX_BIN|CURL_BIN|PG_BINDIR|JEST_WORKER_ID|NODE_OPTIONS)$/.test(key))
      env[key] = value;
  }
  const missing = join(folder, 'missing');
  Object.assign(env, {
    CHROMIUM_BIN: join(missing, 'chromium'),
    NGINX_BIN: join(missing, 'nginx'),
    CURL_BIN: join(missing, 'curl'),
    PG_BINDIR: join(missing, 'postgresql'),
    ...extra,
  });
  const report = join(folder, `report-${extra.CI ?? 'unset'}.json`);
  const child = spawn(
    process.execPath,
    ['--experimental-vm-modules', JEST, '--runInBand', '--json', `--outputFile=${report}`, ...SUITES],
    { cwd: ROOT, env },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      let parsed: JestRun['report'];
      try {
        parsed = JSON.parse(readFileSync(report, 'utf8')) as JestRun['report'];
      } catch {
        parsed = undefined;
      }
      resolve({ code, output, report: parsed });
    });
  });
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('npm test on a machine without Chromium, nginx, curl and PostgreSQL', () => {
  it('passes with CI unset, naming each missing component once with how to get it, and skipping its suites', async () => {
    const run = await bareMachineJest({});
    expect(run.code).toBe(0);
    expect(occurrences(run.output, 'Chromium is missing (')).toBe(1);
    expect(occurrences(run.output, 'Get it with `apt-get install chromium`')).toBe(1);
    expect(occurrences(run.output, 'nginx is missing (')).toBe(1);
    expect(occurrences(run.output, 'Get it with `apt-get install nginx`')).toBe(1);
    expect(occurrences(run.output, 'curl is missing (')).toBe(1);
    expect(occurrences(run.output, 'Get it with `apt-get install curl`')).toBe(1);
    expect(occurrences(run.output, 'PostgreSQL suites skipped')).toBe(1);
    expect(occurrences(run.output, 'Get one with `apt-get install postgresql`')).toBe(1);

    const report = run.report!;
    expect(report.numFailedTests).toBe(0);
    const byFile = (file: string) => report.testResults.find(({ name }) => name.endsWith(file))!;
    for (const file of SUITES.slice(0, 2)) {
      expect(byFile(file).assertionResults.length).toBeGreaterThan(0);
      expect(byFile(file).assertionResults.every(({ status }) => status === 'pending')).toBe(true);
    }
    // Without a server, the PostgreSQL cases are skipped and the rest runs.
    const statuses = byFile(SUITES[2]!).assertionResults.map(({ status }) => status);
    expect(statuses).toContain('passed');
    expect(statuses).toContain('pending');
  }, 180_000);

  it('fails under CI=true at the first missing component, before any test', async () => {
    const run = await bareMachineJest({ CI: 'true' });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(
      `Chromium is missing: ${join(folder, 'missing', 'chromium')} is not an executable file, and CI runs every ` +
        'suite. Install it (`apt-get install chromium`, as .ci/run does), or set CHROMIUM_BIN to where it is.',
    );
    expect(run.output).not.toContain('nginx is missing');
    expect(run.report).toBeUndefined();
  }, 180_000);
});
