import { z } from 'zod';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { CredentialVault } from '../runtime/credentials';
import { SourceKindSchema, type SourceKind } from '../../../shared/source-health';
import type { Connector } from './connector';

/** A brand, product or campaign with its boolean query (AND, OR, NOT, "quoted phrases", -exclusions). */
export interface Watchlist {
  readonly id: string;
  readonly name: string;
  readonly query: string;
}

/** What a connector may use; all I/O goes through these so tests can point it at loopback fakes. */
export interface ConnectorDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly fetch: typeof fetch;
  readonly credentials: CredentialVault;
  readonly watchlists: ReadonlyArray<Watchlist>;
}

/** Common fields of every source entry in the config file. */
export interface SourceConfigBase {
  readonly id: string;
  readonly type: SourceKind;
  readonly enabled: boolean;
  readonly label?: string;
}

/**
 * The fields every source entry may carry. Each factory's `configSchema` extends this with
 * `SourceBaseSchema.extend({ type: z.literal('x'), ... })`.
 */
export const SourceBaseSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"'),
  type: SourceKindSchema,
  enabled: z.boolean().default(true),
  label: z.string().min(1).max(100).optional(),
  /** Normal interval between polls; each source has its own default. */
  pollIntervalMs: z
    .number()
    .int()
    .min(1_000)
    .max(24 * 3_600_000)
    .optional(),
  /** Per-request timeout (default 15 s). */
  timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  /** Overrides the API's base URL: a proxy, or a loopback fake in tests. */
  baseUrl: z.url().optional(),
});

/** How a source type is configured and built. One per channel module; listed in the registry. */
export interface ConnectorFactory<C extends SourceConfigBase = SourceConfigBase> {
  readonly type: SourceKind;
  /** Validates this type's config entry (including `id`, `type`, `enabled`). */
  readonly configSchema: z.ZodType<C>;
  /** Names of credential fields, e.g. ["bearerToken"]; the settings screen asks for these. */
  readonly credentialFields: ReadonlyArray<string>;
  /** Of those, the ones a source works without (Mastodon's token: public timelines need none). */
  readonly optionalCredentialFields?: ReadonlyArray<string>;
  create(config: C, deps: ConnectorDeps): Connector;
}
