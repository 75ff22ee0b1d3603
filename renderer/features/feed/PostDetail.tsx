import type { Mention } from '../../../shared/mention';
import { useWall, useTransport, useWallStore } from '../../app/wall-context';
import { runTriage } from '../../app/triage-keys';
import { floorFeed } from '../../stores/floor-slice';
import { mayRun } from '../../stores/roles';
import { TEST_IDS } from '../../test-ids';
import { PublicAuthor, PublicText } from '../public/PublicText';
import { toggleHandled } from '../search/history-loader';
import { safeExternalUrl } from './external-link';
import { channelBadge, sentimentBadge } from './mention-view';
import { formatCount, formatRelative } from './relative-time';

const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** Who marked the post and when, or that nobody has. */
function HandledLine({ mentionId, now }: { readonly mentionId: string; readonly now: number }) {
  const mark = useWall((s) => s.handled.get(mentionId));
  if (mark === undefined) return <span className="muted">Not handled yet.</span>;
  const verb = mark.handled ? 'Handled' : 'Marked not handled';
  return (
    <span>
      {verb} by {mark.by.name} ({mark.by.desk}) {formatRelative(mark.at, now)}
    </span>
  );
}

/** The post's facts: author and weight, sentiment with confidence, topics and their terms, language, time, source. */
function DetailFacts({ mention, now }: { readonly mention: Mention; readonly now: number }) {
  const e = mention.enrichment;
  return (
    <dl className="detail-grid">
      <dt>Author</dt>
      <dd>
        <PublicAuthor handle={mention.author.handle} />
        {mention.author.followers !== undefined && ` · ${formatCount(mention.author.followers)} followers`}
        {mention.author.verified === true && ' · verified'}
      </dd>
      <dt>Weight</dt>
      <dd>
        {e.authorWeight.toFixed(1)}
        {e.vip && ' · ★ VIP'}
      </dd>
      <dt>Sentiment</dt>
      <dd data-sentiment={sentimentBadge(e.sentiment)}>
        {e.sentiment.label} ({e.sentiment.score.toFixed(2)}), confidence {percent(e.sentiment.confidence)}
      </dd>
      <dt>Topics</dt>
      <dd>{e.topics.length === 0 ? 'none' : e.topics.map((t) => `${t.topic} (${t.terms.join(', ')})`).join('; ')}</dd>
      <dt>Language</dt>
      <dd>{e.language}</dd>
      <dt>Posted</dt>
      <dd>
        <time dateTime={new Date(mention.createdAt).toISOString()}>{new Date(mention.createdAt).toISOString()}</time>
        {` · ${formatRelative(mention.createdAt, now)} · ${mention.sourceId} · ${mention.watchlist}`}
      </dd>
      <dt>Status</dt>
      <dd>
        <HandledLine mentionId={mention.id} now={now} />
      </dd>
    </dl>
  );
}

/** What can be done with the post: mark handled (h), flag to an incident (f), open at the source (o). */
function DetailActions({ mention }: { readonly mention: Mention }) {
  const actor = useWall((s) => s.actor);
  const handled = useWall((s) => s.handled.get(mention.id)?.handled ?? false);
  const store = useWallStore();
  const transport = useTransport();
  const href = safeExternalUrl(mention.url);
  return (
    <div className="action-row">
      {mayRun(actor, 'mention:handled') && (
        <button
          type="button"
          aria-keyshortcuts="h"
          data-testid={TEST_IDS.markHandled}
          onClick={() => void toggleHandled(store, transport, mention.id)}
        >
          {handled ? 'Mark not handled' : 'Mark handled'} <kbd>h</kbd>
        </button>
      )}
      {mayRun(actor, 'incident:flag-post') && (
        <button type="button" aria-keyshortcuts="f" onClick={() => runTriage('flag-mention', store, transport)}>
          Flag to incident <kbd>f</kbd>
        </button>
      )}
      {href !== null && (
        <a href={href} target="_blank" rel="noopener noreferrer" aria-keyshortcuts="o">
          Open at source ↗ <kbd>o</kbd>
        </a>
      )}
    </div>
  );
}

/**
 * The selected post in full, with its actions. The source link is allow-listed (only http(s) leaves the wall);
 * post text and names are untrusted and rendered as text (masked on a public screen).
 */
export function PostDetail() {
  const mention = useWall((s) => (s.selectedId === null ? undefined : floorFeed(s).find((m) => m.id === s.selectedId)));
  const now = useWall((s) => s.hub.now);
  return (
    <section className="panel post-detail" aria-label="Post detail" data-testid={TEST_IDS.postDetail}>
      {mention === undefined ? (
        <>
          <h2>Post</h2>
          <p className="muted">Select a post (j / k or a click) to see it in full.</p>
        </>
      ) : (
        <>
          <h2>
            Post <span className="muted">· {channelBadge(mention.channel).name}</span>
          </h2>
          <p className="mention-text">
            <PublicText text={mention.text} />
          </p>
          <DetailFacts mention={mention} now={now} />
          <DetailActions mention={mention} />
        </>
      )}
    </section>
  );
}
