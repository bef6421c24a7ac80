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

describe('claimed routes with an admission', () => {
  const setUp = (type: string, admitted: boolean | Promise<boolean>) => {
    const platform = platformOf(type, {});
    const runs: unknown[][] = [];
    const handler = function (this: unknown, ...args: unknown[]) {
      runs.push([this, ...args]);
      return 'handled';
    };
    const admissions: unknown[][] = [];
    const claimed = platform.claimRoute(
      handler,
      'route',
      (registered) => registered,
      (...args) => {
        admissions.push(args);
        return admitted;
      },
    );
    return { platform, claimed, runs, admissions };
  };

  it.each(['express', 'fastify'])('%s: admitted, the handler runs with what the route received', (type) => {
    const { platform, claimed, runs, admissions } = setUp(type, true);
    const [request, response, next, self] = [{}, {}, () => undefined, {}];
    expect(claimed.call(self, request, response, next)).toBe('handled');
    expect(admissions).toEqual([[request, response, next]]);
    expect(runs).toEqual([[self, request, response, next]]);
    expect(platform.claimedRoute(request)).toBe('route');
  });

  it.each(['express', 'fastify'])('%s: answered, the handler never runs', async (type) => {
    for (const admitted of [false, Promise.resolve(false)]) {
      const { claimed, runs } = setUp(type, admitted);
      expect(await claimed({}, {}, undefined)).toBeUndefined();
      expect(runs).toEqual([]);
    }
  });

  it.each(['express', 'fastify'])('%s: admitted later, the handler runs then', async (type) => {
    const { claimed, runs } = setUp(type, Promise.resolve(true));
    const request = {};
    const pending = claimed(request, {}, undefined);
    expect(runs).toEqual([]);
    expect(await pending).toBe('handled');
    expect(runs).toHaveLength(1);
  });
});
