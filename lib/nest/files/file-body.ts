import { StreamableFile } from '@nestjs/common';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { statOf } from '../../tagging/file-digest.js';
import type { FileStat } from '../../tagging/file-validators.js';

/** Marks the module's file bodies, in both builds. */
export const FILE_BODY = Symbol.for('nestjs-etag:file-body');

/** Bytes read at a time: the memory one response holds, whatever the file's size or its ranges. */
export const CHUNK_SIZE = 64 * 1024;

/** The `Content-Type` and `Content-Disposition` of a file body, as `StreamableFile` takes them. */
export interface EtagFileOptions {
  /** `application/octet-stream` when omitted. */
  readonly type?: string;
  /** e.g. `attachment; filename="report.pdf"`. */
  readonly disposition?: string;
}

/** What a body sends: for each part a head (a multipart delimiter and fields), then bytes `first` to `last`; a tail. */
export interface BodyPlan {
  readonly parts: readonly { readonly head?: string; readonly first: number; readonly last: number }[];
  readonly tail?: string;
}

/** Sends nothing, opens nothing: the body of a HEAD. */
export const NO_BYTES: BodyPlan = { parts: [] };

/**
 * A file sent as a `StreamableFile`, opened only when it is read: what the
 * module asks of it (the whole file, byte ranges, nothing for a HEAD) is
 * decided after the handler returns it and before a byte is read. One
 * handle serves every range, read `CHUNK_SIZE` bytes at a time under the
 * platform's backpressure, and closed when the stream ends or is destroyed.
 * Made by `EtagFiles.file()`.
 */
export class EtagFileBody extends StreamableFile {
  /** Recognised by the module's reply hook, in both builds. */
  readonly [FILE_BODY] = true;
  readonly #reading: FileReading;

  /** @internal Made by `EtagFiles.file()`. */
  constructor(path: string, options: EtagFileOptions = {}) {
    const reading = new FileReading(path);
    super(new FileStream(reading), { type: options.type, disposition: options.disposition });
    this.#reading = reading;
  }

  /** The file's path. */
  get path(): string {
    return this.#reading.path;
  }

  /** @internal Opens the file, once; resolves to what `fstat` says of the version opened. */
  async open(): Promise<FileStat> {
    return (await this.#reading.open()).stat;
  }

  /** @internal What `stat` says of the file, without opening it (for a HEAD). */
  async stat(): Promise<FileStat> {
    return statOf(await stat(this.#reading.path));
  }

  /** @internal What to send; the whole file unless told. */
  plan(plan: BodyPlan): void {
    this.#reading.plan = plan;
  }
}

/** Whether `body` is one of the module's file bodies (of either build). */
export function isFileBody(body: object): body is EtagFileBody {
  return (body as { [FILE_BODY]?: true })[FILE_BODY] === true;
}

class FileReading {
  plan: BodyPlan | undefined;
  #opened: Promise<{ handle: FileHandle; stat: FileStat }> | undefined;
  #closed = false;

  constructor(readonly path: string) {}

  open(): Promise<{ handle: FileHandle; stat: FileStat }> {
    return (this.#opened ??= open(this.path, 'r').then(async (handle) => {
      try {
        return { handle, stat: statOf(await handle.stat()) };
      } catch (error) {
        await handle.close();
        throw error;
      }
    }));
  }

  async *chunks(): AsyncGenerator<Buffer> {
    // Nothing to send opens nothing (a plan of the other build's is not NO_BYTES itself).
    if (this.plan !== undefined && this.plan.parts.length === 0 && this.plan.tail === undefined) return;
    const { handle, stat } = await this.open();
    const { parts = stat.size === 0 ? [] : [{ first: 0, last: stat.size - 1 }], tail } = this.plan ?? {};
    for (const { head, first, last } of parts) {
      if (head !== undefined) yield Buffer.from(head, 'latin1');
      for (let position = first; position <= last;) {
        const length = Math.min(CHUNK_SIZE, last - position + 1);
        // A buffer of its own per chunk: the platform holds it until it is written.
        const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(length), 0, length, position);
        if (bytesRead === 0) {
          throw new Error(`${this.path} ended at byte ${position} of ${last + 1}: it was truncated while it was sent`);
        }
        position += bytesRead;
        yield bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
      }
    }
    if (tail !== undefined) yield Buffer.from(tail, 'latin1');
  }

  /** Closes the handle if it was opened; once. */
  async close(): Promise<void> {
    if (this.#closed || this.#opened === undefined) return;
    this.#closed = true;
    const opened = await this.#opened.catch(() => undefined);
    await opened?.handle.close();
  }
}

/** The stream of a {@link FileReading}: one chunk read per `_read()`, so memory stays flat. */
class FileStream extends Readable {
  readonly #chunks: AsyncGenerator<Buffer>;

  constructor(private readonly reading: FileReading) {
    super({ highWaterMark: CHUNK_SIZE });
    this.#chunks = reading.chunks();
  }

  override _read(): void {
    this.#chunks.next().then(
      async ({ done, value }) => {
        if (!done) {
          this.push(value);
          return;
        }
        await this.reading.close();
        this.push(null);
      },
      (error: Error) => this.destroy(error),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    void this.#chunks.return(undefined);
    this.reading.close().then(
      () => callback(error),
      (closing: Error) => callback(error ?? closing),
    );
  }
}
