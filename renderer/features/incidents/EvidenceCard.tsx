import type { EvidenceCard as Evidence } from '../../../shared/incident';
import { TEST_IDS } from '../../test-ids';
import { PublicAuthor, PublicText } from '../public/PublicText';
import { channelBadge } from '../feed/mention-view';
import { formatRelative } from '../feed/relative-time';

const pct = (share: number): string => `${Math.round(share * 100)}%`;

interface Props {
  readonly evidence: Evidence;
  readonly now: number;
}

function Facts({ evidence, now }: Props) {
  const shift = evidence.sentimentShift;
  return (
    <dl>
      <dt>Observed vs usual</dt>
      {/* The hub states observed vs usual once (floored usual, its multiplier, the detector's score on its scale). */}
      <dd>
        {evidence.statistic} on {evidence.series}
      </dd>
      <dt>Started</dt>
      <dd>{formatRelative(evidence.startedAt, now)}</dd>
      <dt>Negative share</dt>
      <dd>
        {pct(shift.baselineNegativeShare)} usual → {pct(shift.observedNegativeShare)} now
      </dd>
      {evidence.topics.length > 0 && (
        <>
          <dt>Topics</dt>
          <dd>{evidence.topics.map((t) => `${t.topic} (${t.count})`).join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

function Terms({ evidence }: Pick<Props, 'evidence'>) {
  if (evidence.risingTerms.length === 0) return null;
  return (
    <div>
      <span className="muted">Rising terms: </span>
      {evidence.risingTerms.map((t) => (
        <span key={t.term} className="chip" title={`${t.count} posts`}>
          “{t.term}” ×{t.lift.toFixed(1)}
        </span>
      ))}
    </div>
  );
}

function SourceMix({ evidence }: Pick<Props, 'evidence'>) {
  if (evidence.sourceMix.length === 0) return null;
  const mixMax = Math.max(1, ...evidence.sourceMix.map((m) => m.count));
  return (
    <div>
      <span className="muted">Source mix: </span>
      {evidence.sourceMix.map((m) => (
        <span key={m.channel} style={{ marginRight: 12 }}>
          {channelBadge(m.channel).name} {m.count}
          <span className="mix-bar" style={{ width: `${(m.count / mixMax) * 60}px` }} />
        </span>
      ))}
    </div>
  );
}

/** Why Earshot believes this is a breakdown. Quoted posts are untrusted text, rendered as text. */
export function EvidenceCard({ evidence, now }: Props) {
  return (
    <div className="evidence" data-testid={TEST_IDS.evidenceCard}>
      <Facts evidence={evidence} now={now} />
      <Terms evidence={evidence} />
      <SourceMix evidence={evidence} />
      {evidence.representativePosts.map((p) => (
        <blockquote key={p.id} className="quote">
          <span className="muted">
            {channelBadge(p.channel).short} <PublicAuthor handle={p.author} /> · {formatRelative(p.createdAt, now)}
            {p.duplicates > 0 && ` · +${p.duplicates} similar`}
          </span>
          <br />
          <PublicText text={p.text} />
        </blockquote>
      ))}
    </div>
  );
}
