import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { platformFrom } from '../sample/platform.js';
import { createBenchApp, type Variant, VARIANTS } from './app.js';

// The entry of one server process of bench/run.js: one build of the fixture
// app (bench/app.ts) on one platform, on a core of its own when the machine
// has two. Usage: node server.js <platform> <variant>, with an IPC channel.
const [platformArg, variantArg] = process.argv.slice(2);
const platform = platformFrom(platformArg);
if (!(VARIANTS as readonly string[]).includes(variantArg)) {
  throw new Error(`bench/server.js: variant must be one of ${VARIANTS.join(', ')}, got ${JSON.stringify(variantArg)}`);
}
if (process.send === undefined) throw new Error('bench/server.js runs as a child process of bench/run.js');

/**
 * What bench/run.js asks of a server besides serving: to profile it, with
 * V8's sampling profiler (the one `--cpu-prof` starts), from `start` to
 * `stop`: the load of one case and nothing else (not the bootstrap, not the
 * warm-up). Each is answered with `{ done: type }` once done; `stop` also
 * with `cpuMicros`, the CPU time the main thread (JavaScript's, the one
 * profiled) used in between, user and system: unlike the profile's clock,
 * it leaves out the time the process waited for a core. Not the process's
 * time: that includes the profiler's own thread.
 */
export type ServerMessage =
  | { readonly type: 'profile-start'; readonly intervalMicros: number }
  | { readonly type: 'profile-stop'; readonly file: string };

const app = await createBenchApp(platform, variantArg as Variant);
await app.listen(0, '127.0.0.1');
process.send({ port: (app.getHttpServer().address() as AddressInfo).port });

let session: Session | undefined;
let cpuAtStart = 0;
process.on('message', (message: ServerMessage) => {
  void answer(message).then(
    (facts) => process.send?.({ done: message.type, ...facts }),
    (error: unknown) => process.send?.({ done: message.type, error: String(error) }),
  );
});

async function answer(message: ServerMessage): Promise<{ cpuMicros?: number }> {
  if (message.type === 'profile-start') {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: message.intervalMicros });
    await session.post('Profiler.start');
    cpuAtStart = mainThreadCpu();
    return {};
  }
  if (session === undefined) throw new Error('profile-stop before profile-start');
  const cpuMicros = mainThreadCpu() - cpuAtStart;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  await writeFile(message.file, JSON.stringify(profile));
  return { cpuMicros };
}

/**
 * The CPU time of the calling thread, the main one, in microseconds: from
 * /proc on Linux (utime and stime, fields 14 and 15 of proc(5), in ticks of
 * 1/100 s), else the whole process's.
 */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    const { user, system } = process.cpuUsage();
    return user + system;
  }
}

// The bench going away (it closes the channel to stop a server) means
// "stop": once the channel and the app are closed nothing keeps the process alive.
process.once('disconnect', () => void app.close());
