import http from 'node:http';

/** One request to 127.0.0.1, field lines exactly as given. */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  /**
   * Field lines in order; a name given twice is sent as two field lines.
   * Values are sent as Latin-1, so `\x80`–`\xff` go out as obs-text bytes.
   */
  readonly headers?: readonly (readonly [string, string])[];
  /** Sent as UTF-8 with its `Content-Length` (and `Content-Type: application/json` unless a header says otherwise). */
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The body as UTF-8 text; `''` when there was none. */
  readonly body: string;
}

/** A request that got no complete response in time. */
export class HttpTimeoutError extends Error {
  constructor(request: HttpRequest, milliseconds: number) {
    super(`${request.method} ${request.path}: no complete response in ${milliseconds} ms`);
  }
}

/** Where requests go: a port on 127.0.0.1 and the agent whose connections carry them. */
export interface HttpTarget {
  readonly port: number;
  /** A keep-alive agent, or `false` for a connection of its own that is closed after the response. */
  readonly agent: http.Agent | false;
  /** How long a request may take in all before it fails with {@link HttpTimeoutError}. */
  readonly timeoutMs: number;
}

/** The port of an `http://127.0.0.1:…` URL. */
export function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** A keep-alive agent holding one connection: one client, one connection, one request at a time. */
export function oneConnection(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1 });
}

/**
 * Sends one request and reads the whole response. Rejects on a transport
 * error (a reset, a refused connection, a response cut off) and with
 * {@link HttpTimeoutError} when the response is not complete in time.
 */
export function send(target: HttpTarget, request: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of request.headers ?? []) {
    const previous = headers[name];
    headers[name] = previous === undefined ? value : [previous, value].flat();
  }
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  if (body !== undefined) {
    headers['Content-Length'] = String(body.length);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        agent: target.agent,
        method: request.method,
        path: request.path,
        headers,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        // 'close' without 'end' (a no-op after it): the connection dropped mid-body.
        incoming.on('close', () => reject(new Error(`${request.method} ${request.path}: response cut off`)));
      },
    );
    const timer = setTimeout(() => outgoing.destroy(new HttpTimeoutError(request, target.timeoutMs)), target.timeoutMs);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end(body);
  });
}
