import { execFileSync } from 'node:child_process';

/**
 * Runs a command in `cwd` as a user would in their shell, without the Jest
 * run's NODE_OPTIONS; a failure throws with all that the command printed.
 */
export function run(command: string, args: string[], cwd: string, timeout = 120_000): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      timeout,
      stdio: 'pipe',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[command, ...args].join(' ')} failed in ${cwd}:\n${stdout}${stderr}`, { cause: error });
  }
}
