import { z } from 'zod';
import { CHANNELS, ChannelSchema, type Channel } from '../../../../shared/mention';
import type { Connector } from '../connector';
import { SourceBaseSchema, type ConnectorFactory, type SourceConfigBase } from '../factory';

/**
 * Config of an ingest source. Its bearer token lives in the vault under `token`. Items are stored under
 * `channel` (default "ingest"); an item may claim another channel only if it is in `allowedChannels`, so one
 * webhook token cannot pose as X or Reddit and fake cross-channel corroboration.
 */
export const IngestConfigSchema = SourceBaseSchema.extend({
  type: z.literal('ingest'),
  channel: ChannelSchema.default('ingest'),
  allowedChannels: z.array(ChannelSchema).max(CHANNELS.length).default([]),
});
export type IngestConfig = z.infer<typeof IngestConfigSchema> & SourceConfigBase;

/** Which channel an ingest source's items are attributed to. */
export interface IngestChannelPolicy {
  readonly channel: Channel;
  readonly allowedChannels: ReadonlyArray<Channel>;
}

/** The channel policy of every ingest source among parsed source configs, by source id. */
export function ingestPolicies(configs: ReadonlyArray<SourceConfigBase>): ReadonlyMap<string, IngestChannelPolicy> {
  const policies = new Map<string, IngestChannelPolicy>();
  for (const config of configs) {
    const parsed = IngestConfigSchema.safeParse(config);
    if (!parsed.success) continue;
    policies.set(parsed.data.id, { channel: parsed.data.channel, allowedChannels: parsed.data.allowedChannels });
  }
  return policies;
}

/**
 * The ingest source is push-based: records arrive through `createIngestHandler`, so its connector has
 * nothing to fetch. Polling it only keeps its health "ok" and its cursor untouched.
 */
export const ingestFactory: ConnectorFactory<IngestConfig> = {
  type: 'ingest',
  configSchema: IngestConfigSchema,
  credentialFields: ['token'],
  create(config): Connector {
    return {
      id: config.id,
      kind: 'ingest',
      label: config.label ?? `Ingest ${config.id}`,
      pollIntervalMs: 5 * 60_000,
      poll: async (ctx) => ({ kind: 'ok', items: [], rejected: [], cursor: ctx.cursor }),
    };
  },
};
