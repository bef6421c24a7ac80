// Compiles the sample (lib/, sample/, bench/, soak/) for `npm start`, `npm run bench`, `npm run soak` and the tests,
// once per version of its sources, and never under a process that runs it:
//
// - A build is named by a fingerprint of what it is compiled from (the sources, the tsconfigs, the lockfile), and
//   compiled into a private folder that is renamed to `.dist-sample.<fingerprint>` once complete: a build that
//   exists is whole, and is never written again.
// - `dist-sample` is a symbolic link to the current build, replaced in one rename. A process that started from an
//   earlier build keeps reading it (Node resolves the link as it loads the entry point), so a rebuild never mixes
//   two builds in one process.
// - Several processes that find no build for their fingerprint (three `npm start`s at once, the tests' global setup)
//   take turns under a lock file: the first compiles, the others find its build and reuse it.
//
// Builds sit next to dist-sample, one folder deep, as dist-sample/ did: the sample finds its default database, and
// the bench its results file, relative to where they are compiled to.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LINK = join(ROOT, 'dist-sample');
const LOCK = join(ROOT, '.dist-sample.lock');
const PREFIX = '.dist-sample.';
/** What the sample is compiled from, besides the TypeScript under SOURCES. */
const FILES = ['tsconfig.json', 'tsconfig.sample.json', 'package-lock.json'];
const SOURCES = ['lib', 'sample', 'bench', 'soak'];
/** How long a start waits for another's build before it gives up. */
const LOCK_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Makes `dist-sample` the build of the sources as they are now, compiling them only when no build of them exists.
 *
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>} the build's folder
 */
export async function buildSample({ log = (line) => console.error(line) } = {}) {
  const fingerprint = fingerprintSources();
  const name = `${PREFIX}${fingerprint}`;
  const build = join(ROOT, name);
  if (currentBuild() === name && existsSync(build)) return build;

  await withLock(log, async () => {
    if (existsSync(build)) {
      log(`build-sample: ${name} is up to date`);
    } else {
      const started = Date.now();
      const scratch = join(ROOT, `${PREFIX}tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
      try {
        await compile(scratch);
        renameSync(scratch, build);
      } catch (error) {
        // Another process built the same sources meanwhile (see withLock): its build is as good as this one.
        if (!existsSync(build)) throw error;
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
      log(`build-sample: compiled ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const previous = currentBuild();
    pointLinkAt(name);
    prune([name, previous]);
  });
  return build;
}

/** sha256 over the relative path and content of every input, in a fixed order; the first 16 hex digits. */
function fingerprintSources() {
  const hash = createHash('sha256');
  const files = [...FILES, ...SOURCES.flatMap((folder) => typeScriptFiles(join(ROOT, folder)))].sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function typeScriptFiles(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

function compile(outDir) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.sample.json', '--outDir', outDir], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`build-sample: tsc -p tsconfig.sample.json exited with ${code}`)),
    );
  });
}

/** The build `dist-sample` points at, or undefined. */
function currentBuild() {
  try {
    return readlinkSync(LINK);
  } catch {
    return undefined;
  }
}

/** Replaces `dist-sample` with a link to `name` in one rename; a dist-sample/ folder of an older checkout goes. */
function pointLinkAt(name) {
  const stat = lstatSync(LINK, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    const old = join(ROOT, `${PREFIX}old-${process.pid}`);
    renameSync(LINK, old);
    rmSync(old, { recursive: true, force: true });
  }
  const link = join(ROOT, `${PREFIX}link-${process.pid}`);
  rmSync(link, { force: true });
  // A junction on Windows needs no privilege, and an absolute target.
  if (process.platform === 'win32') symlinkSync(join(ROOT, name), link, 'junction');
  else symlinkSync(name, link);
  renameSync(link, LINK);
}

/**
 * Removes builds other than `keep` (the current one and the one before it, which a process started a moment ago
 * may still be loading), and the scratch folders of processes that are gone.
 */
function prune(keep) {
  for (const entry of readdirSync(ROOT)) {
    if (!entry.startsWith(PREFIX) || keep.includes(entry) || entry.startsWith(`${PREFIX}lock`)) continue;
    const owner = /^\.dist-sample\.(?:tmp|link|old)-(\d+)/.exec(entry)?.[1];
    if (owner !== undefined && isRunning(Number(owner))) continue;
    rmSync(join(ROOT, entry), { recursive: true, force: true });
  }
}

/**
 * The PID in the lock file; 0 for a lock left empty by a process that died as it took it (older than 10 s), and
 * undefined when the lock is gone or too new to judge.
 */
function lockHolder() {
  try {
    const holder = Number(readFileSync(LOCK, 'utf8').trim());
    if (holder > 0) return holder;
    return Date.now() - statSync(LOCK).mtimeMs > 10_000 ? 0 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes a lock whose holder is gone. It is renamed first, so that of two processes that find it stale only one
 * removes it; one that renamed a live process's fresh lock instead puts it back. (Should two processes still hold
 * the lock at once, they compile into scratch folders of their own and the second keeps the first's build.)
 */
function takeOver() {
  const stale = `${LOCK}.stale-${process.pid}`;
  try {
    renameSync(LOCK, stale);
  } catch {
    return; // another process took it over first
  }
  const holder = Number(readFileSync(stale, 'utf8').trim());
  if (holder > 0 && isRunning(holder)) {
    try {
      linkSync(stale, LOCK);
    } catch {
      // A third process holds it now.
    }
  }
  unlinkSync(stale);
}

/**
 * Runs `work` holding the lock file, which holds the holder's PID. A lock whose holder is gone (killed while it
 * compiled) is taken over.
 */
async function withLock(log, work) {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let said = false;
  for (;;) {
    let fd;
    try {
      fd = openSync(LOCK, 'wx');
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = lockHolder();
      if (holder === 0 || (holder !== undefined && !isRunning(holder))) {
        takeOver();
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`build-sample: ${LOCK} is still held by process ${holder}`, { cause: error });
      }
      if (holder !== undefined && !said)
        log(`build-sample: waiting for process ${holder}, which is building the sample`);
      said ||= holder !== undefined;
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return await work();
    } finally {
      rmSync(LOCK, { force: true });
    }
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildSample();
}
