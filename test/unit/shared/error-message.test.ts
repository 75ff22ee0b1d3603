import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../shared/result';
import { MINUTE_MS, minuteOf } from '../../../shared/series';

describe('errorMessage', () => {
  it("gives an Error's own message, else the fallback, else the thrown value as text", () => {
    expect(errorMessage(new TypeError('bad input'))).toBe('bad input');
    expect(errorMessage(new Error('bad input'), 'ignored')).toBe('bad input');
    expect(errorMessage('plain string')).toBe('plain string');
    expect(errorMessage(42, 'The hub did not answer.')).toBe('The hub did not answer.');
    expect(errorMessage(undefined, '')).toBe('');
    expect(errorMessage(null)).toBe('null');
  });
});

describe('MINUTE_MS', () => {
  it('is the step minuteOf floors to', () => {
    expect(MINUTE_MS).toBe(60_000);
    expect(minuteOf(3 * MINUTE_MS + 59_999)).toBe(3 * MINUTE_MS);
  });
});
