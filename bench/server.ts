import 'reflect-metadata';
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

const app = await createBenchApp(platform, variantArg as Variant);
await app.listen(0, '127.0.0.1');
process.send({ port: (app.getHttpServer().address() as AddressInfo).port });

// Any message, or the bench going away, means "stop": once the channel and
// the app are closed nothing keeps the process alive.
process.once('message', () => process.disconnect?.());
process.once('disconnect', () => void app.close());
