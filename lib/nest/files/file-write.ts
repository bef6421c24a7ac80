import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The algorithm of every content digest the module computes: what a strong file tag stands on. */
export const DIGEST_ALGORITHM = 'sha256';

/**
 * Writes `content` to a new file beside `path` (same folder, so a rename
 * replaces `path` atomically), hashing it as it goes: the digest of the
 * bytes stored, with no second read. The caller renames or links it into
 * place (see {@link placeFile}) and removes it in any case.
 *
 * @returns the temporary file's path and the digest of what it holds.
 */
export async function writeHashed(
  path: string,
  content: Uint8Array | AsyncIterable<Uint8Array>,
): Promise<{ temporary: string; digest: string }> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.partial`);
  const hash = createHash(DIGEST_ALGORITHM);
  const source = content instanceof Uint8Array ? Readable.from([content]) : Readable.from(content);
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(temporary, { flags: 'wx' }),
    );
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { temporary, digest: hash.digest('base64url') };
}

/**
 * Puts the written file in place: `rename()` replaces what is there, or
 * `link()` for a create-only write, which fails with `EEXIST` if a file
 * appeared meanwhile (atomically, even against another process).
 *
 * @returns `false` when a create-only write found the file there.
 */
export async function placeFile(temporary: string, path: string, createOnly: boolean): Promise<boolean> {
  if (!createOnly) {
    await rename(temporary, path);
    return true;
  }
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Runs the writes of one path one after the other, in this process: the
 * check of a write's precondition and its rename are then one step.
 */
export class PathLocks {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(path: string, work: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(path) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => undefined);
    this.#tails.set(path, tail);
    try {
      return await mine;
    } finally {
      if (this.#tails.get(path) === tail) this.#tails.delete(path);
    }
  }
}
