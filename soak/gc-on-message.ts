/**
 * Loaded into the sample by the soak test (`node --expose-gc --import …`),
 * and nothing else: on the message `gc` from its parent it runs a full
 * garbage collection and answers `gc done`, so that the soak reads the
 * sample's resident memory at comparable moments rather than anywhere on the
 * collector's saw-tooth. The channel does not keep the process alive, and
 * when it closes (the soak is gone) the sample stops.
 */
// The soak is gone (killed, or crashed): stop as `kill` would, through Nest's shutdown hooks.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
process.on('message', (message) => {
  if (message !== 'gc' || typeof globalThis.gc !== 'function') return;
  globalThis.gc();
  process.send?.('gc done');
});
process.channel?.unref();
