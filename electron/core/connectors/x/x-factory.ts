import type { ConnectorFactory } from '../factory';
import { XConfigSchema, type XConfig } from './x-config';
import { createXConnector } from './x-connector';

/** X (Twitter): v2 recent search per watchlist with an app bearer token; pay-per-use with a daily cap. */
export const xFactory: ConnectorFactory<XConfig> = {
  type: 'x',
  configSchema: XConfigSchema,
  credentialFields: ['bearerToken'],
  create: createXConnector,
};
