import type request from 'supertest';
import type { Response } from 'supertest';

/** A client of one sample instance. */
export type Api = ReturnType<typeof request>;

/** One request of a race, with its method, as the checks need it. */
export interface Sent {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly response: Response;
}

/** What a round sent, and what it raced for. */
export interface Round {
  readonly responses: readonly Response[];
  readonly sent: readonly Sent[];
  /** The user the round raced for, or the list's length before it (POST). */
  readonly id: number;
}

/** A kind of write race: how a round runs and what the store must hold after it. */
export interface Scenario {
  readonly name: string;
  /** The statuses a loser may get. */
  readonly losers: readonly number[];
  run(apis: readonly Api[], round: number): Promise<Round>;
  check(apis: readonly Api[], winner: Response, round: Round): Promise<void>;
}

const CONCURRENT = 50;
let nextFreshId = 1_000_000;

/** Sends `CONCURRENT` requests at once, spread over the instances in turn. */
async function race(apis: readonly Api[], id: number, send: (api: Api, i: number) => Promise<Sent>): Promise<Round> {
  const sent = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => send(apis[i % apis.length]!, i)));
  return { sent, responses: sent.map((each) => each.response), id };
}

async function sent(method: Sent['method'], pending: PromiseLike<Response>): Promise<Sent> {
  return { method, response: await pending };
}

/** A new user for a round, and the tag a GET of it sends. */
async function freshUser(api: Api): Promise<{ id: number; tag: string }> {
  const created = await api.post('/users').send({ name: 'Racer', age: 0 }).expect(201);
  const read = await api.get(`/users/${created.body.id}`).expect(200);
  return { id: created.body.id, tag: read.headers.etag as string };
}

/** Both instances read what the winner left: its body, or nothing after a DELETE. */
async function storedIsWinners(apis: readonly Api[], winner: Response, round: Round): Promise<void> {
  const method = round.sent.find((each) => each.response === winner)!.method;
  for (const api of apis) {
    const read = await api.get(`/users/${round.id}`);
    if (method === 'DELETE') expect(read.status).toBe(404);
    else expect({ status: read.status, body: read.body }).toEqual({ status: 200, body: winner.body });
  }
}

/** A conditional write with the same `If-Match` (or `*`), by method. */
function write(api: Api, method: 'PUT' | 'PATCH' | 'DELETE', id: number, i: number, header: [string, string]) {
  const path = `/users/${id}`;
  if (method === 'DELETE') return sent(method, api.delete(path).set(...header));
  const body = method === 'PUT' ? { name: `Writer ${i}`, age: i } : { age: i };
  return sent(method, (method === 'PUT' ? api.put(path) : api.patch(path)).set(...header).send(body));
}

/** The races issue #8 names, each across two instances sharing one database. */
export const WRITE_RACES: readonly Scenario[] = [
  {
    name: 'PUT, PATCH and DELETE with the same If-Match',
    losers: [412, 404],
    async run(apis) {
      const { id, tag } = await freshUser(apis[0]!);
      const methods = ['PUT', 'PATCH', 'DELETE'] as const;
      return race(apis, id, (api, i) => write(api, methods[i % 3]!, id, i, ['If-Match', tag]));
    },
    check: storedIsWinners,
  },
  {
    name: 'DELETE racing PUT under the same If-Match',
    losers: [412, 404],
    async run(apis) {
      const { id, tag } = await freshUser(apis[0]!);
      return race(apis, id, (api, i) => write(api, i % 2 ? 'PUT' : 'DELETE', id, i, ['If-Match', tag]));
    },
    check: storedIsWinners,
  },
  {
    name: 'POST /users with the same If-Match of the list',
    losers: [412],
    async run(apis) {
      const list = await apis[0]!.get('/users').expect(200);
      const tag = list.headers.etag as string;
      return race(apis, list.body.length, (api, i) =>
        sent(
          'POST',
          api
            .post('/users')
            .set('If-Match', tag)
            .send({ name: `Poster ${i}`, age: i }),
        ),
      );
    },
    async check(apis, winner, round) {
      for (const api of apis) {
        const list = await api.get('/users').expect(200);
        expect(list.body).toHaveLength(round.id + 1);
        expect(list.body).toContainEqual(winner.body);
      }
    },
  },
  {
    name: 'create-only PUT with If-None-Match: *',
    losers: [412],
    async run(apis) {
      const id = nextFreshId++;
      return race(apis, id, (api, i) =>
        sent(
          'PUT',
          api
            .put(`/users/${id}`)
            .set('If-None-Match', '*')
            .send({ name: `Creator ${i}`, age: i }),
        ),
      );
    },
    check: storedIsWinners,
  },
  {
    name: 'PATCH and DELETE with If-None-Match: * racing a create',
    losers: [412, 404],
    async run(apis) {
      const id = nextFreshId++;
      return race(apis, id, (api, i) =>
        i === CONCURRENT / 2
          ? sent('PUT', api.put(`/users/${id}`).set('If-None-Match', '*').send({ name: 'Creator', age: 1 }))
          : write(api, i % 2 ? 'PATCH' : 'DELETE', id, i, ['If-None-Match', '*']),
      );
    },
    async check(apis, winner, round) {
      expect(round.sent.find((each) => each.response === winner)!.method).toBe('PUT');
      await storedIsWinners(apis, winner, round);
    },
  },
];
