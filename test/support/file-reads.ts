import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** What the file handles of this process did since the counter was made or reset. */
export interface FileReads {
  /** Handles opened and `fstat`-ed: the module checks every file it opens, so this counts its opens. */
  readonly opens: number;
  /** `read()` calls on any handle. */
  readonly reads: number;
  /** How many of the handles counted in {@link opens} are not closed yet. */
  readonly unclosed: number;
  reset(): void;
  /** Puts the handles' methods back. */
  restore(): void;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Counts, in this process, the `fstat` and `read` calls of every
 * `FileHandle` (`fs/promises`), which the module opens files and reads them
 * with: a response that opens no file and reads nothing leaves both at 0.
 */
export async function countFileReads(): Promise<FileReads> {
  const handle = await open(fileURLToPath(import.meta.url), 'r');
  const prototype = Object.getPrototypeOf(handle) as { stat: Method; read: Method };
  await handle.close();
  const { stat, read } = prototype;
  const state = { opened: [] as { readonly fd: number }[], reads: 0 };
  prototype.stat = function (...args) {
    state.opened.push(this as { fd: number });
    return stat.apply(this, args);
  };
  prototype.read = function (...args) {
    state.reads++;
    return read.apply(this, args);
  };
  return {
    get opens() {
      return state.opened.length;
    },
    get reads() {
      return state.reads;
    },
    // A closed handle's fd is -1.
    get unclosed() {
      return new Set(state.opened).size - new Set(state.opened.filter((each) => each.fd === -1)).size;
    },
    reset() {
      state.opened = [];
      state.reads = 0;
    },
    restore() {
      prototype.stat = stat;
      prototype.read = read;
    },
  };
}
