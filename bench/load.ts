import net from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A lean HTTP/1.1 load loop over keep-alive sockets to 127.0.0.1: one
 * request in flight per connection, each reply framed by its status and
 * Content-Length and checked. Lighter than `node:http`, so that one core of
 * load keeps one core of server busy even on a 204, and it times each
 * request to the microsecond.
 */

/** What one response looked like; the body is counted, not kept. */
export interface Reply {
  readonly status: number;
  /** The `ETag` field value, if any. */
  readonly etag: string | undefined;
  readonly bytes: number;
}

/** One request, sent as it is on every connection. */
export interface Request {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One slice of load on one case. */
export interface Slice {
  readonly port: number;
  readonly request: Request;
  readonly connections: number;
  readonly seconds: number;
  /** What every reply must be: the case's first reply, checked against what the case promises. */
  readonly expect: Reply;
}

export interface SliceResult {
  /** Replies equal to `expect`. */
  readonly ok: number;
  /** Transport errors and replies that differ from `expect`. */
  readonly errors: number;
  readonly firstError: string | undefined;
  /** Wall time from the first request to the last reply. */
  readonly seconds: number;
  /** Latency percentiles of the replies, in milliseconds. */
  readonly p50: number;
  readonly p99: number;
}

// Far above any latency of a healthy run; only there so that a stuck
// request cannot keep a slice from ending.
const STUCK_MS = 5000;
const END_OF_HEAD = Buffer.from('\r\n\r\n');

/** Sends one request on a fresh connection and returns its reply. */
export async function exchange(port: number, request: Request): Promise<Reply> {
  let reply: Reply | undefined;
  let error: string | undefined;
  const connection = await Connection.open(port, request, {
    onReply: (received) => {
      reply = received;
      return false;
    },
    onError: (message) => (error ??= message),
  });
  connection.send();
  await Promise.race([connection.closed, timeout(STUCK_MS)]);
  connection.destroy();
  if (reply === undefined) throw new Error(error ?? `no reply to ${request.method} ${request.path} in ${STUCK_MS} ms`);
  return reply;
}

/**
 * Keeps `connections` requests in flight for `seconds`: each connection
 * sends its next request as soon as its previous one is answered, and none
 * starts one after the deadline, so the slice ends by itself.
 */
export async function runSlice(slice: Slice): Promise<SliceResult> {
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const fail = (message: string): void => {
    errors++;
    firstError ??= message;
  };
  const expected = describe(slice.expect);
  let deadline = Infinity; // set once every connection is open

  const connections = await Promise.all(
    Array.from({ length: slice.connections }, () =>
      Connection.open(slice.port, slice.request, {
        onReply: (reply, milliseconds) => {
          if (
            reply.status === slice.expect.status &&
            reply.etag === slice.expect.etag &&
            reply.bytes === slice.expect.bytes
          ) {
            ok++;
            latencies.push(milliseconds);
          } else {
            fail(`${describe(reply)}, expected ${expected}`);
          }
          return performance.now() < deadline;
        },
        onError: fail,
      }),
    ),
  );
  const start = performance.now();
  deadline = start + slice.seconds * 1000;
  for (const connection of connections) connection.send();
  const ended = Promise.all(connections.map((connection) => connection.closed));
  if ((await Promise.race([ended.then(() => true), timeout(slice.seconds * 1000 + STUCK_MS)])) !== true) {
    fail(`a request got no reply in ${STUCK_MS} ms`);
  }
  const seconds = (performance.now() - start) / 1000;
  for (const connection of connections) connection.destroy();

  latencies.sort((a, b) => a - b);
  return { ok, errors, firstError, seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

/** The `q` quantile of sorted values, nearest rank; `NaN` for none. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export function describe(reply: Reply): string {
  return `${reply.status} with ${reply.etag === undefined ? 'no ETag' : `ETag ${reply.etag}`} and ${reply.bytes} body bytes`;
}

interface Listener {
  /** Called with each reply and its latency; returns whether to send another request. */
  onReply(reply: Reply, milliseconds: number): boolean;
  onError(message: string): void;
}

/** One keep-alive connection, one request at a time. */
class Connection {
  /** Resolves once the socket is closed, by either side. */
  readonly closed: Promise<void>;
  private readonly raw: Buffer;
  // The head received so far, when it came in pieces.
  private pending: Buffer | undefined;
  // -1 while the head is awaited, then the body bytes still to come.
  private bodyLeft = -1;
  private status = 0;
  private etag: string | undefined;
  private bytes = 0;
  private sentAt = 0;
  private inFlight = false;

  private constructor(
    private readonly socket: net.Socket,
    request: Request,
    private readonly listener: Listener,
  ) {
    const lines = [`${request.method} ${request.path} HTTP/1.1`, `Host: 127.0.0.1`];
    for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`);
    this.raw = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.listener.onError(error.message));
    socket.on('close', () => {
      if (this.inFlight) this.listener.onError('connection closed before the reply ended');
    });
  }

  static open(port: number, request: Request, listener: Listener): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new Connection(socket, request, listener));
      });
    });
  }

  send(): void {
    this.inFlight = true;
    this.bodyLeft = -1;
    this.bytes = 0;
    this.etag = undefined;
    this.sentAt = performance.now();
    this.socket.write(this.raw);
  }

  destroy(): void {
    this.inFlight = false;
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    const data = this.pending === undefined ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = undefined;
    let offset = 0;
    while (offset < data.length) {
      if (!this.inFlight) return this.abort(`${data.length - offset} bytes after the reply`);
      if (this.bodyLeft < 0) {
        const end = data.indexOf(END_OF_HEAD, offset);
        if (end < 0) {
          this.pending = Buffer.from(data.subarray(offset));
          return;
        }
        const problem = this.readHead(data.toString('latin1', offset, end));
        if (problem !== undefined) return this.abort(problem);
        offset = end + END_OF_HEAD.length;
      } else {
        const take = Math.min(this.bodyLeft, data.length - offset);
        this.bodyLeft -= take;
        this.bytes += take;
        offset += take;
      }
      if (this.bodyLeft === 0) {
        this.inFlight = false;
        const more = this.listener.onReply(
          { status: this.status, etag: this.etag, bytes: this.bytes },
          performance.now() - this.sentAt,
        );
        if (offset < data.length) return this.abort(`${data.length - offset} bytes after the reply`);
        if (more) this.send();
        else this.socket.end();
        return;
      }
    }
  }

  // Status, ETag and framing; a reply that cannot be framed by its length is an error.
  private readHead(head: string): string | undefined {
    const lines = head.split('\r\n');
    this.status = Number(lines[0].slice(9, 12));
    let length: number | undefined;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      if (name === 'content-length') length = Number(line.slice(colon + 1).trim());
      else if (name === 'etag') this.etag = line.slice(colon + 1).trim();
      else if (name === 'transfer-encoding')
        return `Transfer-Encoding ${line.slice(colon + 1).trim()}, expected a length`;
      else if (name === 'connection' && /close/i.test(line.slice(colon + 1))) return 'the server closes the connection';
    }
    // No content after a 204 or a 304 (RFC 9110 §6.4.1), whatever Content-Length says.
    if (this.status === 204 || this.status === 304) length = 0;
    if (length === undefined || !Number.isInteger(length) || length < 0)
      return `${this.status} without a Content-Length`;
    this.bodyLeft = length;
    return undefined;
  }

  private abort(problem: string): void {
    this.listener.onError(problem);
    this.destroy();
  }
}

function timeout(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds).unref());
}
