/**
 * How a decorated route's documentation (route-documentation.ts) is said
 * to `@nestjs/swagger`, without importing it.
 *
 * The module writes the metadata `@ApiHeader()` and `@ApiResponse()` write
 * (`DECORATORS.API_PARAMETERS` and `DECORATORS.API_RESPONSE` of
 * `@nestjs/swagger`: the keys and shapes have been the same from version 4
 * to 12). That is the robust way, rather than loading `@nestjs/swagger`
 * and calling its decorators: nothing is resolved, so nothing can fail to
 * load or load twice (an app without it, the package's CommonJS and ES
 * module builds side by side, an ES module-only swagger required from the
 * CommonJS build); it is synchronous, so it is done as the app is created,
 * before the app builds its document; and an app without `@nestjs/swagger`
 * carries a few inert metadata entries and nothing else. The e2e test
 * builds a document with the real `@nestjs/swagger`, so a change of shape
 * fails there.
 */
import type { RouteDocumentation } from './openapi.interface.js';

/** `@nestjs/swagger`'s metadata keys (`DECORATORS` in its `constants`). */
export const SWAGGER_PARAMETERS = 'swagger/apiParameters';
export const SWAGGER_RESPONSES = 'swagger/apiResponse';
export const SWAGGER_CLASS_HEADERS = 'swagger/apiHeaders';
/** Marks a handler documented, so an app created twice (or two builds) documents it once. */
const DOCUMENTED = Symbol.for('nestjs-etag:openapi');

/**
 * Adds a route's documentation to a handler's `@nestjs/swagger` metadata,
 * once. What the app documents itself wins: a header parameter it declares
 * (on the handler or its controller) is left as it is, and so is a response
 * status it declares, but for the response headers it does not name.
 */
export function documentHandler(handler: object, controller: object, documentation: RouteDocumentation): void {
  if (Reflect.getMetadata(DOCUMENTED, handler) === true) return;
  Reflect.defineMetadata(DOCUMENTED, true, handler);

  const own: { name?: string; in?: string }[] = [
    ...(Reflect.getMetadata(SWAGGER_PARAMETERS, handler) ?? []),
    ...(Reflect.getMetadata(SWAGGER_CLASS_HEADERS, controller) ?? []),
  ];
  const declared = (name: string) =>
    own.some((parameter) => parameter.in === 'header' && parameter.name?.toLowerCase() === name.toLowerCase());
  const parameters = documentation.parameters.filter((parameter) => !declared(parameter.name));
  if (parameters.length > 0) {
    Reflect.defineMetadata(
      SWAGGER_PARAMETERS,
      [...(Reflect.getMetadata(SWAGGER_PARAMETERS, handler) ?? []), ...parameters],
      handler,
    );
  }

  // Theirs, with our validators added to each success, and ours for the statuses they leave out.
  const responses: Record<string, { headers?: object }> = { ...Reflect.getMetadata(SWAGGER_RESPONSES, handler) };
  const validators = Object.entries(documentation.responses).find(([status]) => /^2\d\d$/.test(status))?.[1].headers;
  for (const [status, entry] of Object.entries(responses)) {
    if (validators !== undefined && /^2\d\d$/.test(status) && status !== '204') {
      responses[status] = { ...entry, headers: { ...validators, ...entry.headers } };
    }
  }
  for (const [status, entry] of Object.entries(documentation.responses)) {
    const theirs = responses[status];
    if (theirs === undefined) responses[status] = entry;
    else if (entry.headers !== undefined)
      responses[status] = { ...theirs, headers: { ...entry.headers, ...theirs.headers } };
  }
  Reflect.defineMetadata(SWAGGER_RESPONSES, responses, handler);
}
