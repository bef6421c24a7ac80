/**
 * The programs of the machine some suites need, read from this process's environment as the global setup read it
 * (see component-plan.js). A suite that needs one is skipped, and counted as skipped, where it is missing; the global
 * setup has said so once, with how to get it:
 *
 * ```ts
 * describeWith(CHROMIUM)('Chromium against the sample', () => { … });
 * ```
 */
import { planComponents } from './component-plan.js';

export { type ComponentPlan, planComponents } from './component-plan.js';

const plan = planComponents(process.env);

/** The Chromium to drive (Debian's `/usr/bin/chromium`, or `CHROMIUM_BIN`), when there is one. */
export const CHROMIUM: string | undefined = plan.chromium;

/** The nginx to run (Debian's `/usr/sbin/nginx`, or `NGINX_BIN`), when there is one. */
export const NGINX: string | undefined = plan.nginx;

/** The curl to run (Debian's `/usr/bin/curl`, or `CURL_BIN`), when there is one. */
export const CURL: string | undefined = plan.curl;

/** `describe` when `component` is there, else `describe.skip`. */
export function describeWith(component: string | undefined): jest.Describe {
  return component === undefined ? describe.skip : describe;
}
