import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import type { Platform } from '../sample/platform.js';
import { createBenchApp } from './app.js';

// The entry of the worker thread that serves one platform's fixture app for
// bench/run.js. The app gets an event loop of its own, so the load
// generator's work on the main thread is not counted against it.
if (parentPort === null) throw new Error('bench/server.js runs as a worker thread of bench/run.js');
const port = parentPort;

const app = await createBenchApp((workerData as { platform: Platform }).platform);
await app.listen(0, '127.0.0.1');
port.postMessage({ port: (app.getHttpServer().address() as AddressInfo).port });

// Any message means "stop": once the app is closed and the listener gone,
// nothing keeps the thread alive and it exits by itself.
port.once('message', () => void app.close());
