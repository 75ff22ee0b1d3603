import type { Incident } from '../../../shared/incident';
import { TEST_IDS } from '../../test-ids';
import { SEVERITY_MARK } from '../../theme/palette';
import { formatDuration } from '../feed/relative-time';
import type { DrillTarget } from '../drilldown/drill-query';
import type { SceneProps } from './display-context';

/** What an incident's posts are: its topics (the first) since it started. */
export function incidentDrill(i: Incident, now: number): DrillTarget {
  const topic = i.topics[0];
  return {
    title: `${i.severity} ${i.title}`,
    from: i.evidence.startedAt,
    to: (i.resolvedAt ?? now) + 1,
    ...(topic !== undefined ? { topic } : {}),
    ...(i.channels.length > 0 ? { channels: i.channels } : {}),
  };
}

/** One incident in large type: severity, title, age, owner, observed against usual, rising terms. */
export function IncidentSummary({
  incident: i,
  now,
  onDrill,
}: {
  readonly incident: Incident;
  readonly now: number;
  readonly onDrill: SceneProps['onDrill'];
}) {
  const e = i.evidence;
  const terms = e.risingTerms.slice(0, 4).map((t) => t.term);
  return (
    <li data-testid={TEST_IDS.displayIncident} data-severity={i.severity}>
      <button type="button" className="display-incident" onClick={() => onDrill(incidentDrill(i, now))}>
        <span className="sev display-sev" data-severity={i.severity}>
          {SEVERITY_MARK[i.severity]} {i.severity}
        </span>
        <span className="incident-title">{i.title}</span>
        <span className="incident-facts">
          open {formatDuration(now - i.openedAt)} · {i.workflow?.owner ?? 'no owner yet'} ·{' '}
          {e.observedPerMinute.toFixed(1)}/min vs usual {e.baselinePerMinute.toFixed(1)}
        </span>
        {terms.length > 0 && <span className="incident-terms">“{terms.join('”, “')}”</span>}
      </button>
    </li>
  );
}

/** Each open incident's evidence in large type, most severe first. */
export function IncidentsScene({ incidents, now, onDrill }: SceneProps) {
  if (incidents.length === 0) return <p className="scene-empty">No open incidents. All quiet.</p>;
  return (
    <ol className="display-incidents">
      {incidents.slice(0, 4).map((i) => (
        <IncidentSummary key={i.id} incident={i} now={now} onDrill={onDrill} />
      ))}
    </ol>
  );
}
