import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';

/** One request as an app's HTTP server saw it, with the status it answered. */
export interface SeenRequest {
  /** `GET /users/1`: the method and the target as received. */
  readonly request: string;
  readonly ifNoneMatch?: string;
  readonly ifMatch?: string;
  readonly status: number;
}

/**
 * Records into `seen` every request the app's HTTP server answers (those `keep` keeps), in the order they finish:
 * what reached the app, whatever a browser or a proxy answered by itself.
 */
export function recordRequests(
  app: INestApplication,
  seen: SeenRequest[],
  keep: (request: IncomingMessage) => boolean = () => true,
): void {
  (app.getHttpServer() as Server).on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!keep(request)) return;
    response.on('finish', () =>
      seen.push({
        request: `${request.method} ${request.url}`,
        ifNoneMatch: request.headers['if-none-match'],
        ifMatch: request.headers['if-match'],
        status: response.statusCode,
      }),
    );
  });
}
