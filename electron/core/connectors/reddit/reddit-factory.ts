import type { ConnectorFactory } from '../factory';
import { RedditConfigSchema, type RedditConfig } from './reddit-config';
import { createRedditConnector } from './reddit-connector';

/** Reddit: app-only OAuth; subreddit search per watchlist, or every new post. */
export const redditFactory: ConnectorFactory<RedditConfig> = {
  type: 'reddit',
  configSchema: RedditConfigSchema,
  credentialFields: ['clientId', 'clientSecret'],
  create: createRedditConnector,
};
