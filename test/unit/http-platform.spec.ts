import 'reflect-metadata';
import { platformOf } from '../support/platform-fakes.js';

describe('claimed routes', () => {
  it.each(['express', 'fastify'])("%s: the claimed handler marks each request, and keeps Nest's metadata", (type) => {
    const platform = platformOf(type, {});
    const handler = Object.assign((request: object) => request, { version: '2' });
    Reflect.defineMetadata('__fastify_route_config__', { a: 1 }, handler);
    const claimed = platform.claimRoute(handler, 'route', (registered) => registered);
    expect(Reflect.getMetadata('__fastify_route_config__', claimed)).toEqual({ a: 1 });
    expect((claimed as unknown as { version: string }).version).toBe('2');
    const request = {};
    expect(claimed(request)).toBe(request);
    expect(platform.claimedRoute(request)).toBe('route');
    expect(platform.claimedRoute({})).toBeUndefined();
  });
});
