import { describe, expect, it } from 'vitest';
import { explainRefusal, NOT_SIGNED_IN, type ProbeFetch } from '../../../../renderer/transport/session-probe';

const answering =
  (status: number): ProbeFetch =>
  async () => ({ status });

describe('why the hub refused the wall', () => {
  it('says how to sign in when the hub answers 401, and nothing otherwise', async () => {
    expect(await explainRefusal(answering(401))).toBe(NOT_SIGNED_IN);
    expect(NOT_SIGNED_IN).toContain('earshot serve');
    expect(await explainRefusal(answering(200))).toBeNull();
    expect(await explainRefusal(() => Promise.reject(new TypeError('Failed to fetch')))).toBeNull();
  });
});
