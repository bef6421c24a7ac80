/**
 * Lets the platform send the JSON the interceptor already made and hashed,
 * so a tagged body is serialised once, and the strong tag is over the very
 * bytes sent.
 *
 * The handler's result is left as it is for every interceptor outside
 * `@Etag` (a global ClassSerializerInterceptor, a response wrapper): the
 * platform reuses the JSON only if the object it is asked to send is still
 * that result, and serialises anything else itself, as it would have.
 *
 * Duck-typed on each platform's public per-response API, so `lib/` imports
 * neither: Fastify's `reply.serializer()` and Express's `res.json()`. Where
 * the platform would not have sent plain `JSON.stringify` output (a Fastify
 * response schema, Express's `json replacer`/`json spaces`/`json escape`),
 * nothing is reused.
 */

interface FastifyLikeReply {
  serializer(serialize: (payload: unknown) => string): unknown;
  getHeader(name: string): unknown;
  header(name: string, value: string): unknown;
  request?: { routeOptions?: { schema?: { response?: unknown } } };
}

interface ExpressLikeResponse {
  json(body: unknown): unknown;
  send(body: string): unknown;
  get(name: string): unknown;
  set(name: string, value: string): unknown;
  app?: { get(setting: string): unknown };
}

/** Makes `response` send `json` when it is asked to send `result`. */
export function reuseSerialisedBody(response: object, result: object, json: string): void {
  if (isFastifyReply(response)) {
    if (response.request?.routeOptions?.schema?.response !== undefined) return;
    const reply = response;
    reply.serializer((payload) => {
      // Fastify leaves the type to a custom serialiser; its default would be this.
      if (reply.getHeader('content-type') === undefined)
        reply.header('content-type', 'application/json; charset=utf-8');
      return payload === result ? json : JSON.stringify(payload);
    });
  } else if (isExpressResponse(response)) {
    const app = response.app;
    if (app === undefined || app.get('json replacer') || app.get('json spaces') || app.get('json escape')) return;
    const json0 = response.json;
    // What res.json() does, minus the serialisation already done.
    response.json = function (this: ExpressLikeResponse, body: unknown) {
      if (body !== result) return json0.call(this, body);
      if (!this.get('Content-Type')) this.set('Content-Type', 'application/json');
      return this.send(json);
    };
  }
}

function isFastifyReply(response: object): response is FastifyLikeReply {
  return typeof (response as Partial<FastifyLikeReply>).serializer === 'function';
}

function isExpressResponse(response: object): response is ExpressLikeResponse {
  const candidate = response as Partial<ExpressLikeResponse>;
  return typeof candidate.json === 'function' && typeof candidate.send === 'function';
}
