import { parseConditions } from '../../lib/http/preconditions.js';
import { EntityTagger } from '../../lib/tagging/entity-tagger.js';
import { judgeTagged } from '../../lib/tagging/tag-judgement.js';

const BODY = '{"name":"Shaun"}';
const current = new EntityTagger('sha1', ['current-secret-0123', 'earlier-secret-4567']).ofBytes(BODY, false);
const earlier = new EntityTagger('sha1', ['earlier-secret-4567']).ofBytes(BODY, false);
const unrelated = new EntityTagger('sha1', ['another-secret-8901']).ofBytes(BODY, false);

/** The outcome of a request with these condition headers, judged against the current tag. */
const judge = (request: Parameters<typeof parseConditions>[0]) => judgeTagged(parseConditions(request), current);

describe('judgeTagged: a rotation of secrets', () => {
  it('a tag made under an earlier listed secret matches If-None-Match (304) and If-Match (proceed)', () => {
    expect(judge({ method: 'GET', ifNoneMatch: earlier.header })).toEqual({ status: 'not-modified' });
    expect(judge({ method: 'PUT', ifMatch: earlier.header })).toEqual({ status: 'proceed' });
  });

  it('keeps the weakness of the tag sent: a weak earlier tag still fails If-Match (strong comparison)', () => {
    const outcome = judge({ method: 'PUT', ifMatch: `W/${earlier.header}` });
    expect(outcome).toEqual({ status: 'precondition-failed', header: 'If-Match', weakTags: true });
  });

  it('a tag made under a secret that is not listed does not match', () => {
    expect(judge({ method: 'GET', ifNoneMatch: unrelated.header })).toEqual({ status: 'proceed' });
    expect(judge({ method: 'PUT', ifMatch: unrelated.header })).toMatchObject({ status: 'precondition-failed' });
  });

  it('computes no earlier tag when the current one is listed, or nothing is', () => {
    let asked = 0;
    const counting = { ...current, former: () => (asked++, current.former!()) };
    judgeTagged(parseConditions({ method: 'GET', ifNoneMatch: current.header }), counting);
    judgeTagged(parseConditions({ method: 'GET' }), counting);
    expect(asked).toBe(0);
  });
});
