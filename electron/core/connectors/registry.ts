import { z } from 'zod';
import { appError, err, ok, type Result } from '../../../shared/result';
import type { SourceKind } from '../../../shared/source-health';
import type { ConnectorFactory, SourceConfigBase } from './factory';
import { simulatorFactory } from './simulator/simulator-factory';
import { ingestFactory } from './ingest/ingest-factory';
import { xFactory } from './x/x-factory';
import { redditFactory } from './reddit/reddit-factory';
import { appStoreFactory } from './appstore/appstore-factory';
import { trustpilotFactory } from './trustpilot/trustpilot-factory';
import { mastodonFactory } from './mastodon/mastodon-connector';
import { blueskyFactory } from './bluesky/bluesky-connector';
import { rssFactory } from './rss/rss-connector';
import { googlePlayFactory } from './googleplay/googleplay-connector';
import { replayFactory } from './replay/replay-factory';

/**
 * Every source type the hub can build. To add one: import its factory and list it here (one line each).
 * Every kind with a config entry needs a factory here.
 */
export const CONNECTOR_FACTORIES: ReadonlyArray<ConnectorFactory> = [
  simulatorFactory,
  ingestFactory,
  xFactory,
  redditFactory,
  appStoreFactory,
  trustpilotFactory,
  mastodonFactory,
  blueskyFactory,
  rssFactory,
  googlePlayFactory,
  replayFactory,
];

/** The factory for a source type, if one is registered. */
export function factoryFor(
  type: SourceKind,
  factories: ReadonlyArray<ConnectorFactory> = CONNECTOR_FACTORIES,
): ConnectorFactory | undefined {
  return factories.find((f) => f.type === type);
}

const EntryHead = z.object({ id: z.string().optional(), type: z.string().optional() }).loose();

/**
 * Validates one `sources[]` entry of the config file with its type's schema. Errors name the source
 * and the field, e.g. `source "x-main" (x): field "query": Invalid input: expected string, received undefined`.
 */
export function parseSourceConfig(
  entry: unknown,
  factories: ReadonlyArray<ConnectorFactory> = CONNECTOR_FACTORIES,
): Result<{ readonly factory: ConnectorFactory; readonly config: SourceConfigBase }> {
  const head = EntryHead.safeParse(entry);
  if (!head.success) return err(appError('config-invalid', 'source entry must be an object'));
  const id = head.data.id ?? '(no id)';
  const type = head.data.type;
  if (type === undefined) return err(appError('config-invalid', `source "${id}": field "type" is missing`));
  const factory = factories.find((f) => f.type === type);
  if (!factory) {
    const known = factories.map((f) => f.type).join(', ');
    return err(
      appError(
        'config-invalid',
        `source "${id}": field "type": unknown source type "${type}" (known: ${known || 'none'})`,
      ),
    );
  }
  const parsed = factory.configSchema.safeParse(entry);
  if (!parsed.success)
    return err(appError('config-invalid', `source "${id}" (${type}): ${describeIssues(parsed.error.issues)}`));
  return ok({ factory, config: parsed.data });
}

function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `field "${i.path.map(String).join('.')}": ${i.message}` : i.message))
    .join('; ');
}
