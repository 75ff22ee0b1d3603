import type { z } from 'zod';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { CredentialVault } from '../runtime/credentials';
import type { SourceKind } from '../../../shared/source-health';
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

/** How a source type is configured and built. One per channel module; listed in the registry. */
export interface ConnectorFactory<C extends SourceConfigBase = SourceConfigBase> {
  readonly type: SourceKind;
  /** Validates this type's config entry (including `id`, `type`, `enabled`). */
  readonly configSchema: z.ZodType<C>;
  /** Names of credential fields, e.g. ["bearerToken"]; the settings screen asks for these. */
  readonly credentialFields: ReadonlyArray<string>;
  create(config: C, deps: ConnectorDeps): Connector;
}
