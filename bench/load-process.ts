import { runSlice } from './load.js';
import type { SliceAnswer, SliceMessage } from './load-client.js';

// The entry of the load process of bench/run.js: runs the slices it is sent,
// one at a time, on a core of its own when the machine has two, so that the
// load loop never competes with the server it measures.
if (process.send === undefined) throw new Error('bench/load-process.js runs as a child process of bench/run.js');

process.on('message', ({ id, slice }: SliceMessage) => {
  runSlice(slice).then(
    (result) => process.send!({ id, result } satisfies SliceAnswer),
    (error: unknown) =>
      process.send!({ id, error: error instanceof Error ? error.message : String(error) } satisfies SliceAnswer),
  );
});
// Nothing else keeps the process alive once bench/run.js is gone.
process.once('disconnect', () => process.exit(0));
