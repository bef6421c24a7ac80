import type { HttpServer } from '@nestjs/common';
import { type HttpPlatform, httpPlatform, type Replacement, type SendHook } from '../../lib/platform/http-platform.js';

// What the unit tests of each platform adapter (test/unit/*-platform.spec.ts) fake of the platform.

/** A response as both platforms give one: Node's header API over a plain map. */
export class FakeResponse {
  statusCode = 200;
  readonly headers = new Map<string, string>();
  readonly sent: unknown[] = [];
  constructor(readonly req: { headers: Record<string, string>; method?: string }) {}
  getHeader(name: string) {
    return this.headers.get(name.toLowerCase());
  }
  setHeader(name: string, value: string) {
    this.headers.set(name.toLowerCase(), value);
  }
  header(name: string, value: string) {
    this.setHeader(name, value);
    return this;
  }
  removeHeader(name: string) {
    this.headers.delete(name.toLowerCase());
  }
  code(status: number) {
    this.statusCode = status;
  }
}

export const TAG = { weak: false, opaque: 'abc', header: '"abc"' };

/**
 * A hook for routes claimed as `'value'` (it needs the value), `'early'` (it
 * decides `replace` from the value, before serialisation) or `'bytes'`, that
 * records what each of its steps saw.
 */
export function recordingHook(replace?: Replacement) {
  const seen: { value: unknown; bytes: unknown }[] = [];
  const prepared: unknown[] = [];
  const hook: SendHook<string> = {
    prepares: (route) => route === 'value' || route === 'early',
    prepare: (route, _request, _response, value) => {
      prepared.push(value);
      if (route === 'early') return { value, replacement: replace };
      return route === 'value' ? { value } : undefined;
    },
    onSend: (_route, _request, _response, { bytes, prepared }) => {
      seen.push({ value: prepared === undefined ? bytes : prepared.value, bytes });
      return replace;
    },
  };
  return { hook, seen, prepared };
}

/** A request, claimed for `route` as a claimed handler marks it, or unclaimed. */
export function requestOf(platform: HttpPlatform, headers: Record<string, string>, route?: string, method = 'GET') {
  const request = { headers, method };
  if (route !== undefined)
    void platform.claimRoute(
      (claimed) => claimed,
      route,
      (claimed) => claimed,
    )(request);
  return request;
}

/** The adapter Nest gives a platform of this type, over this instance. */
export function platformOf(type: string, instance: object): HttpPlatform {
  return httpPlatform({ getType: () => type, getInstance: () => instance } as unknown as HttpServer & {
    getType(): string;
  });
}
