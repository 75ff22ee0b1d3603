import type { ConnectorFactory } from '../factory';
import { TrustpilotConfigSchema, type TrustpilotConfig } from './trustpilot-config';
import { createTrustpilotConnector } from './trustpilot-connector';

/** Trustpilot: a business unit's public reviews with an API key. */
export const trustpilotFactory: ConnectorFactory<TrustpilotConfig> = {
  type: 'trustpilot',
  configSchema: TrustpilotConfigSchema,
  credentialFields: ['apiKey'],
  create: createTrustpilotConnector,
};
