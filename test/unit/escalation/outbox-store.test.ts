import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/core/config';

// The outbox's store methods are tested against both dialects in test/integration/store/outbox.test.ts.

describe('the escalation section of the config file', () => {
  it('defaults to no targets and parses targets and routes', () => {
    const empty = parseConfig({});
    expect(empty.ok && empty.value.escalation).toEqual({
      timeZone: 'UTC',
      targets: [],
      routes: [],
      maxPerTargetPerHour: 30,
      maxAttempts: 8,
    });
    const full = parseConfig({
      escalation: { targets: [{ id: 'pd', kind: 'pagerduty' }], routes: [{ targets: ['pd'], on: ['escalated'] }] },
    });
    expect(full.ok && full.value.escalation.targets[0]).toEqual({
      id: 'pd',
      kind: 'pagerduty',
      url: 'https://events.pagerduty.com/v2/enqueue',
    });
  });

  it('names the bad field', () => {
    const bad = parseConfig(
      { escalation: { targets: [{ id: 'pd', kind: 'pagerduty', routingKey: 'x' }] } },
      'hub.json',
    );
    expect(bad.ok ? '' : bad.error.message).toMatch(/^hub\.json: escalation\.targets\.0/);
  });
});
