import type { ConnectorFactory } from '../factory';
import { AppStoreConfigSchema, type AppStoreConfig } from './appstore-config';
import { createAppStoreConnector } from './appstore-connector';

/** Apple App Store customer reviews (public RSS JSON feed, no credentials). */
export const appStoreFactory: ConnectorFactory<AppStoreConfig> = {
  type: 'appstore',
  configSchema: AppStoreConfigSchema,
  credentialFields: [],
  create: createAppStoreConnector,
};
