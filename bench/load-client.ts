import type { ChildProcess } from 'node:child_process';
import type { Slice, SliceResult } from './load.js';
import { startNode, stopChild } from './processes.js';

/** A request to the load process. */
export interface SliceMessage {
  readonly id: number;
  readonly slice: Slice;
}

/** Its answer: the slice's result, or why it could not run (e.g. the connections were refused). */
export type SliceAnswer =
  { readonly id: number; readonly result: SliceResult } | { readonly id: number; readonly error: string };

/** The load process (bench/load-process.ts), pinned to its own core. */
export class LoadProcess {
  private next = 0;
  private readonly waiting = new Map<number, (answer: SliceAnswer) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (answer: SliceAnswer) => {
      this.waiting.get(answer.id)?.(answer);
      this.waiting.delete(answer.id);
    });
  }

  static async start(core: number | undefined): Promise<LoadProcess> {
    const child = startNode(new URL('./load-process.js', import.meta.url), [], core);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new LoadProcess(child);
  }

  /** Runs one slice; a slice that cannot run at all counts as one error. */
  run(slice: Slice): Promise<SliceResult> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      if (!this.child.connected) return reject(new Error('the load process has exited'));
      this.waiting.set(id, (answer) =>
        resolve(
          'result' in answer
            ? answer.result
            : { ok: 0, errors: 1, firstError: answer.error, seconds: slice.seconds, p50: NaN, p99: NaN },
        ),
      );
      this.child.send({ id, slice } satisfies SliceMessage);
    });
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
