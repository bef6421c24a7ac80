/**
 * The reply hook (lib/platform/reply-hook.ts): Nest's adapter.reply(),
 * wrapped once per app, hands the module the bodies it claims, of the
 * requests it handles, before any header is written.
 */
import type { HttpServer } from '@nestjs/common';
import { type ReplyHook, wrapReply } from '../../lib/platform/reply-hook.js';

function adapter() {
  const replies: unknown[][] = [];
  const target = { reply: (...args: unknown[]) => replies.push(args) && 'sent' };
  return { target, replies, server: target as unknown as HttpServer };
}

const CLAIMED = { claimed: true };
const hook = (onReply: ReplyHook<string>['onReply']): ReplyHook<string> => ({
  exchangeOf: (request) => (request as { exchange?: string }).exchange,
  claims: (body) => body === CLAIMED,
  onReply,
});

describe('wrapReply', () => {
  it('passes every body it does not claim on at once, as it was given', () => {
    const { target, replies, server } = adapter();
    wrapReply(
      server,
      () => ({ exchange: 'x' }),
      hook(() => Promise.reject(new Error('not called'))),
    );
    expect(target.reply({}, 'text', 200)).toBe('sent');
    expect(target.reply({}, { other: true }, undefined)).toBe('sent');
    expect(target.reply({}, undefined, 204)).toBe('sent');
    expect(replies).toEqual([
      [{}, 'text', 200],
      [{}, { other: true }, undefined],
      [{}, undefined, 204],
    ]);
  });

  it('passes a claimed body of a request the module does not handle on at once', () => {
    const { target, replies, server } = adapter();
    wrapReply(
      server,
      () => ({}),
      hook(() => Promise.reject(new Error('not called'))),
    );
    target.reply({}, CLAIMED, 200);
    expect(replies).toEqual([[{}, CLAIMED, 200]]);
  });

  it('hands a claimed body to the hook, then replies with the body and the status it decided', async () => {
    const { target, replies, server } = adapter();
    const response = { req: { exchange: 'the exchange' } };
    const seen: unknown[] = [];
    wrapReply(
      server,
      (reply) => (reply as typeof response).req,
      hook(async (...args) => {
        seen.push(args);
        return { body: 'ranges', status: 206 };
      }),
    );
    await target.reply(response, CLAIMED, undefined);
    expect(seen).toEqual([['the exchange', response.req, response, CLAIMED, undefined]]);
    expect(replies).toEqual([[response, 'ranges', 206]]);
  });

  it('is installed once however many times it is asked', async () => {
    const { target, server } = adapter();
    let calls = 0;
    const counting = hook(async (_exchange, _request, _response, body, status) => (calls++, { body, status }));
    wrapReply(server, () => ({ exchange: 'x' }), counting);
    wrapReply(server, () => ({ exchange: 'x' }), counting);
    await target.reply({}, CLAIMED, 200);
    expect(calls).toBe(1);
  });
});
