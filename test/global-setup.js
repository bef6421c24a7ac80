import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Compiles the sample once, so the multi-instance tests can start it as
 * separate processes exactly as `npm start` does.
 */
export default function globalSetup() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.sample.json'], { stdio: 'inherit' });
}
