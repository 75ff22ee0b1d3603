import { memo } from 'react';
import { useWallDeferred } from '../../app/use-wall-deferred';
import type { HandledMark } from '../../../shared/handled';
import type { Mention } from '../../../shared/mention';
import { TEST_IDS } from '../../test-ids';
import { SENTIMENT_MARK } from '../../theme/palette';
import { safeExternalUrl } from './external-link';
import { channelBadge, sentimentBadge } from './mention-view';
import { formatCount, formatRelative } from './relative-time';
import { PublicAuthor, PublicText } from '../public/PublicText';

/** Props of one feed row. */
export interface MentionRowProps {
  readonly mention: Mention;
  readonly selected: boolean;
  readonly onSelect: (id: string) => void;
  /** Its handled mark, when it has one. */
  readonly handled?: HandledMark | undefined;
}

/**
 * How long ago a post was, at hub time. Its own subscriber, so the clock moving re-renders this text only, never
 * the row around it.
 */
function Age({ at }: { readonly at: number }) {
  const now = useWallDeferred((s) => s.hub.now);
  return (
    <time className="time" dateTime={new Date(at).toISOString()}>
      {formatRelative(at, now)}
    </time>
  );
}

/**
 * One mention in the feed. Post text is untrusted and rendered strictly as text. Memoized: a row re-renders only
 * when its post, selection or handled mark changes (its age updates itself).
 */
export const MentionRow = memo(function MentionRow({ mention, selected, onSelect, handled }: MentionRowProps) {
  const channel = channelBadge(mention.channel);
  const sentiment = sentimentBadge(mention.enrichment.sentiment);
  const href = safeExternalUrl(mention.url);
  const { author } = mention;
  return (
    <div
      className="mention-body"
      data-selected={selected}
      data-handled={handled?.handled === true}
      onClick={() => onSelect(mention.id)}
    >
      <div className="mention-head">
        <span className="channel" title={channel.name} aria-label={channel.name}>
          {channel.short}
        </span>
        <span className="author">
          <PublicAuthor handle={author.handle} />
        </span>
        {author.verified === true && (
          <span title="verified" aria-label="verified">
            ✓
          </span>
        )}
        {author.followers !== undefined && <span className="muted">{formatCount(author.followers)} followers</span>}
        {mention.enrichment.vip && <span className="badge vip">★ VIP</span>}
        {handled?.handled === true && (
          <span className="badge handled" data-testid={TEST_IDS.handledBadge} title={`by ${handled.by.name}`}>
            ✓ handled
          </span>
        )}
        <span className="badge" data-sentiment={sentiment}>
          {SENTIMENT_MARK[sentiment]} {sentiment}
        </span>
        <Age at={mention.createdAt} />
      </div>
      <p className="mention-text" data-testid={TEST_IDS.mentionText}>
        <PublicText text={mention.text} />
      </p>
      <div className="mention-head">
        {mention.enrichment.topics.map((t) => (
          <span key={t.topic} className="chip" title={t.terms.join(', ')}>
            {t.topic}
          </span>
        ))}
        {href !== null && (
          <a href={href} target="_blank" rel="noopener noreferrer" className="muted">
            open post ↗
          </a>
        )}
      </div>
    </div>
  );
});
