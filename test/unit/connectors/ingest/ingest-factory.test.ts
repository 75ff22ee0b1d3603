import { describe, expect, it } from 'vitest';
import { ingestPolicies, IngestConfigSchema } from '../../../../electron/core/connectors/ingest/ingest-factory';
import { parseSourceConfig } from '../../../../electron/core/connectors/registry';

describe('ingest source config', () => {
  it('defaults to the "ingest" channel with no other channel allowed', () => {
    const parsed = IngestConfigSchema.parse({ id: 'tickets', type: 'ingest' });
    expect(parsed).toMatchObject({ channel: 'ingest', allowedChannels: [] });
  });

  it('refuses a channel Earshot does not know, naming the field', () => {
    const result = parseSourceConfig({ id: 'tickets', type: 'ingest', channel: 'fax' });
    expect(result.ok ? '' : result.error.message).toMatch(/source "tickets" \(ingest\): field "channel"/);
  });

  it('collects the policies of ingest sources only, by id', () => {
    const configs = [
      { id: 'tickets', type: 'ingest' as const, enabled: true },
      { id: 'relay', type: 'ingest' as const, enabled: true, channel: 'rss', allowedChannels: ['reddit'] },
      { id: 'x-main', type: 'x' as const, enabled: true },
    ];
    const policies = ingestPolicies(configs);
    expect([...policies.keys()]).toEqual(['tickets', 'relay']);
    expect(policies.get('relay')).toEqual({ channel: 'rss', allowedChannels: ['reddit'] });
  });
});
