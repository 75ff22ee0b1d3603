import { z } from 'zod';
import type { Connector } from '../connector';
import { SourceBaseSchema, type ConnectorFactory, type SourceConfigBase } from '../factory';

/** Config of an ingest source: only identity. Its bearer token lives in the vault under `token`. */
export const IngestConfigSchema = SourceBaseSchema.extend({ type: z.literal('ingest') });
export type IngestConfig = z.infer<typeof IngestConfigSchema> & SourceConfigBase;

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
