import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** What the file handles of this process did since the counter was made or reset. */
export interface FileReads {
  /** Handles opened and `fstat`-ed: the module checks every file it opens, so this counts its opens. */
  readonly opens: number;
  /** `read()` calls on any handle. */
  readonly reads: number;
  reset(): void;
  /** Puts the handles' methods back. */
  restore(): void;
}

/**
 * Counts, in this process, the `fstat` and `read` calls of every
 * `FileHandle` (`fs/promises`), which the module opens files and reads them
 * with: a response that opens no file and reads nothing leaves both at 0.
 */
export async function countFileReads(): Promise<FileReads> {
  const handle = await open(fileURLToPath(import.meta.url), 'r');
  const prototype = Object.getPrototypeOf(handle) as { stat: Function; read: Function };
  await handle.close();
  const { stat, read } = prototype;
  const counts = { opens: 0, reads: 0 };
  prototype.stat = function (this: unknown, ...args: unknown[]) {
    counts.opens++;
    return stat.apply(this, args);
  };
  prototype.read = function (this: unknown, ...args: unknown[]) {
    counts.reads++;
    return read.apply(this, args);
  };
  return {
    get opens() {
      return counts.opens;
    },
    get reads() {
      return counts.reads;
    },
    reset() {
      counts.opens = 0;
      counts.reads = 0;
    },
    restore() {
      prototype.stat = stat;
      prototype.read = read;
    },
  };
}
