import { createServer } from 'node:net';

/**
 * A port of 127.0.0.1 that was free a moment ago, for a program that takes its port as an argument (nginx, the
 * sample's PORT). Another process may take it first: retry on "address in use".
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
