import { Injectable } from '@nestjs/common';
import { stat } from 'node:fs';
import { rm, stat as statPath } from 'node:fs/promises';
import { statOf } from '../../tagging/file-digest.js';
import { FileDigests } from '../../tagging/file-digests.js';
import { type EtagFileState, statFileState } from '../../tagging/file-state.js';
import type { FileStat } from '../../tagging/file-validators.js';
import type { WritePrecondition } from '../request/write-precondition.js';
import { EtagFileBody, type EtagFileOptions } from './file-body.js';
import { DIGEST_ALGORITHM, PathLocks, placeFile, writeHashed } from './file-write.js';

/** What {@link EtagFiles.write} did: the file's state now, and whether it was created. */
export interface EtagFileWritten {
  readonly state: EtagFileState;
  readonly created: boolean;
}

/**
 * Files as representations: their state for a `current` source, without
 * reading them; a body that sends them whole or in byte ranges, opened only
 * when the response is sent; and conditional writes. Provided and
 * exported by `EtagModule`.
 *
 * ```ts
 * @Injectable()
 * export class AvatarFile implements CurrentState {
 *   constructor(private readonly files: EtagFiles) {}
 *   load(request: EtagRequest) {
 *     return this.files.stat(avatarPath(request.params.id), { digest: true });
 *   }
 * }
 * ```
 */
@Injectable()
export class EtagFiles {
  readonly #digests = new FileDigests({ algorithm: DIGEST_ALGORITHM });
  readonly #locks = new PathLocks();

  /**
   * The state of the file at `path`, `undefined` when there is none: its
   * size and modification time (a weak tag, the same on every instance only
   * where deployment keeps modification times) or, with `digest`, also a
   * SHA-256 of its bytes (a strong tag, the same on every instance),
   * computed once and reused while `stat` says the file is unchanged.
   *
   * @throws the file system's error for anything but a missing file.
   */
  stat(path: string, options: { readonly digest?: boolean } = {}): Promise<EtagFileState | undefined> {
    return statFile(path).then((facts) => {
      if (facts === undefined) return undefined;
      if (options.digest !== true) return statFileState(facts);
      // The digest's own stat: the version hashed, which may be newer than the one stat() saw.
      const cached = this.#digests.cached(path, facts);
      if (cached !== undefined) return statFileState(cached.stat, cached.digest);
      return this.#digests.digest(path, facts).then(({ digest, stat }) => statFileState(stat, digest));
    });
  }

  /**
   * The body of a route that sends the file at `path`: a `StreamableFile`
   * the module opens once it knows what to send (the whole file, byte
   * ranges, nothing for a HEAD or a 304). On a route without the module it
   * is sent whole.
   */
  file(path: string, options?: EtagFileOptions): EtagFileBody {
    return new EtagFileBody(path, options);
  }

  /**
   * Stores `content` at `path` if `precondition` (from `@Precondition()`)
   * still holds for the file there: written beside it while hashed, then
   * checked against the file's state and renamed into place (or linked, for
   * a create-only `If-None-Match: *`) in one step per path of this process.
   * Several processes writing one folder need a store that checks and
   * writes in one step (a database row).
   *
   * @returns the stored file's state (with its digest: answer with it, and
   *   the module sends its tag) and whether it was created.
   * @throws the 412 `precondition.failed()` gives, with the current tag.
   */
  async write(
    path: string,
    content: Uint8Array | AsyncIterable<Uint8Array>,
    precondition: WritePrecondition,
  ): Promise<EtagFileWritten> {
    const { temporary, digest } = await writeHashed(path, content);
    try {
      return await this.#locks.run(path, async () => {
        const current = await this.stat(path, { digest: true });
        if (!precondition.holdsFor(current)) throw precondition.failed(current);
        if (!(await placeFile(temporary, path, precondition.kind === 'absent'))) {
          throw precondition.failed(await this.stat(path, { digest: true }));
        }
        const stat = statOf(await statPath(path));
        this.#digests.remember(path, { digest, stat });
        return { state: statFileState(stat, digest), created: current === undefined };
      });
    } finally {
      await rm(temporary, { force: true });
    }
  }

  /** Forgets the digest kept for `path`: call it after writing the file some other way. */
  forget(path: string): void {
    this.#digests.forget(path);
  }
}

// fs.stat with a callback, which costs less than the promise API's: it is on
// the path of every 304. A missing file is no error: `undefined`.
function statFile(path: string): Promise<FileStat | undefined> {
  return new Promise((resolve, reject) =>
    stat(path, (error, stats) => {
      if (error === null) resolve(statOf(stats));
      else if (error.code === 'ENOENT') resolve(undefined);
      else reject(error);
    }),
  );
}
