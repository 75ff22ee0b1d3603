import type { Incident } from '../../../shared/incident';
import { TEST_IDS } from '../../test-ids';
import { SEVERITY_MARK } from '../../theme/palette';
import { formatDuration } from '../feed/relative-time';
import { useIncidentCommand, useMay } from '../incidents/use-incident-command';
import type { DrillTarget } from '../drilldown/drill-query';
import { incidentDrill } from './IncidentsScene';

/** Props of the takeover. */
export interface P1TakeoverProps {
  readonly incident: Incident;
  readonly now: number;
  readonly onDrill: (target: DrillTarget) => void;
}

/** A P1 nobody has acknowledged fills the display and holds the rotation until someone does. */
export function P1Takeover({ incident: i, now, onDrill }: P1TakeoverProps) {
  const run = useIncidentCommand();
  const mayAck = useMay('incident:acknowledge');
  const e = i.evidence;
  const due = i.workflow?.sla.acknowledgeBy ?? null;
  const posts = e.representativePosts.slice(0, 2);
  return (
    <section
      className="p1-takeover"
      data-testid={TEST_IDS.p1Takeover}
      role="alert"
      aria-label={`P1 incident: ${i.title}`}
    >
      <div className="takeover-head">
        <span className="sev display-sev" data-severity="P1">
          {SEVERITY_MARK.P1} P1
        </span>
        <h2 className="takeover-title">{i.title}</h2>
      </div>
      <p className="takeover-facts">
        open {formatDuration(now - i.openedAt)} · {i.workflow?.owner ?? 'no owner yet'} · not acknowledged
        {due !== null &&
          (due > now
            ? ` · acknowledge within ${formatDuration(due - now)}`
            : ` · acknowledgement overdue by ${formatDuration(now - due)}`)}
      </p>
      <p className="takeover-evidence">
        {e.observedPerMinute.toFixed(1)} posts/min against {e.baselinePerMinute.toFixed(1)} usual · since{' '}
        {new Date(e.startedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
        {e.sourceMix.length > 0 && ` · ${e.sourceMix.map((m) => m.channel).join(', ')}`}
      </p>
      {posts.length > 0 && (
        <ul className="takeover-posts">
          {posts.map((p) => (
            <li key={p.id}>“{p.text}”</li>
          ))}
        </ul>
      )}
      <div className="takeover-actions">
        <button type="button" onClick={() => onDrill(incidentDrill(i, now))}>
          Show the posts
        </button>
        {mayAck && (
          <button type="button" className="primary" onClick={() => void run('incident:acknowledge', { id: i.id })}>
            Acknowledge
          </button>
        )}
      </div>
    </section>
  );
}
