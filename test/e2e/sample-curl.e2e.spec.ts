/**
 * The README's curl transcript of the sample's avatar, run as it stands: each
 * `$ curl …` command of the block (and the `cmp`), by bash and the machine's
 * curl, against the compiled sample started as `npm start` starts it, on
 * Express and on Fastify. Every line the README shows under a command must
 * be in what it printed: the status line as it is, a header by its name in
 * any case (Fastify sends them in lower case), its value exactly but for
 * Last-Modified, which is when the sample started. So `curl -r 0-99` and
 * `curl -C -` behave as the README shows.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CURL, describeWith } from '../support/components.js';
import { PLATFORMS } from '../support/http.js';
import { SAMPLE_START_LIMIT, type SampleProcess, startSampleProcess } from '../support/sample.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
/** One command of the transcript and the lines the README shows under it. */
interface Step {
  readonly command: string;
  readonly shown: readonly string[];
}

/** The console block under "### The sample's avatar", as commands (continuations joined) and their lines. */
function transcript(): Step[] {
  const section = README.slice(README.indexOf("### The sample's avatar"));
  const block = /```console\n([\s\S]*?)```/.exec(section)![1]!;
  const steps: { command: string; shown: string[] }[] = [];
  const lines = block.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('$ ')) {
      let command = line.slice(2);
      while (command.trimEnd().endsWith('\\')) command = `${command.trimEnd().slice(0, -1)} ${lines[++i]!.trim()}`;
      steps.push({ command, shown: [] });
    } else if (line.trim() !== '') {
      steps.at(-1)!.shown.push(line);
    }
  }
  // The sample is started by the test, not by the transcript.
  return steps.filter(({ command }) => !command.startsWith('npm start'));
}

function run(command: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      'bash',
      ['-c', command],
      { cwd, env: { ...process.env, PATH: `${join(CURL!, '..')}:${process.env.PATH}` } },
      (error, stdout) => (error === null ? resolve(stdout) : reject(error)),
    ),
  );
}

/** Whether `printed` (one line of output) is the line the README shows. */
function matches(shown: string, printed: string): boolean {
  const header = /^([A-Za-z-]+): (.*)$/.exec(shown);
  if (header === null) return printed === shown;
  const [, name, value] = header;
  const got = /^([A-Za-z-]+): (.*)$/.exec(printed);
  if (got === null || got[1]!.toLowerCase() !== name!.toLowerCase()) return false;
  return name!.toLowerCase() === 'last-modified' || got[2] === value;
}

describeWith(CURL)("the README's curl transcript of the sample's avatar", () => {
  const steps = transcript();

  it('has the commands the README promises: curl -r 0-99 and curl -C -', () => {
    const commands = steps.map(({ command }) => command);
    expect(commands.some((command) => command.includes('-r 0-99'))).toBe(true);
    expect(commands.filter((command) => command.includes('-C -'))).toHaveLength(2);
  });

  describe.each(PLATFORMS)('on %s', (platform) => {
    let sample: SampleProcess;
    let folder: string;
    beforeAll(async () => {
      sample = await startSampleProcess({ PLATFORM: platform, SAMPLE_DB: ':memory:', DATABASE_URL: '' });
      folder = mkdtempSync(join(tmpdir(), 'nestjs-etag-curl-'));
    }, SAMPLE_START_LIMIT + 5_000);
    afterAll(async () => {
      await sample.stop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('prints every line the README shows under each command', async () => {
      const host = new URL(sample.url).host;
      for (const { command, shown } of steps) {
        const printed = (await run(command.replaceAll('localhost:3000', host), folder)).split(/\r?\n/);
        for (const line of shown) {
          expect({ command, line, found: printed.some((each) => matches(line, each)) }).toEqual({
            command,
            line,
            found: true,
          });
        }
      }
    });
  });
});
