import { describe, expect, it } from 'vitest';
import { checkWireResult, validateEvent } from '../../../../renderer/transport/validate';
import { makeMention, makeSnapshot } from '../fixtures';

describe('event validation at the edge', () => {
  it('accepts contract events', () => {
    const r = validateEvent({ name: 'mentions:batch', payload: { mentions: [makeMention(1, 5)] } });
    expect(r.ok && r.value.name).toBe('mentions:batch');
    expect(validateEvent({ name: 'snapshot', payload: makeSnapshot(1) }).ok).toBe(true);
    expect(validateEvent({ name: 'clock:tick', payload: { now: 7, mentions: 0 } }).ok).toBe(true);
  });

  it('rejects unknown names, wrong shapes and bad payloads with a reason', () => {
    const unknown = validateEvent({ name: 'mentions:delete', payload: {} });
    expect(unknown.ok ? null : unknown.error.code).toBe('unknown-event');
    expect(validateEvent('mentions:batch').ok).toBe(false);
    expect(validateEvent(null).ok).toBe(false);
    const badMention = { ...makeMention(1, 5), channel: 'myspace' };
    const bad = validateEvent({ name: 'mentions:batch', payload: { mentions: [badMention] } });
    expect(bad.ok ? null : bad.error.message).toContain('mentions:batch');
    expect(validateEvent({ name: 'clock:tick', payload: { now: 1.5, mentions: 0 } }).ok).toBe(false);
    expect(validateEvent({ name: 'toString', payload: {} }).ok).toBe(false);
  });
});

describe('command results at the edge', () => {
  it('passes hub errors through and validates values', () => {
    const e = checkWireResult('source:test', { ok: false, error: { code: 'nope', message: 'Token rejected' } });
    expect(e).toEqual({ ok: false, error: { code: 'nope', message: 'Token rejected' } });
    const good = checkWireResult('source:test', { ok: true, value: { ok: true, message: 'fine' } });
    expect(good).toEqual({ ok: true, value: { ok: true, message: 'fine' } });
    const bad = checkWireResult('source:test', { ok: true, value: { ok: 'yes' } });
    expect(bad.ok ? null : bad.error.code).toBe('invalid-response');
    const malformed = checkWireResult('status:get', { value: 1 });
    expect(malformed.ok ? null : malformed.error.code).toBe('invalid-response');
  });
});
