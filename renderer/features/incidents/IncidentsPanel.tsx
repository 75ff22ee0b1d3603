import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useWall } from '../../app/wall-context';
import { isOpenIncident, listedIncidents, triageTarget } from '../../stores/triage-slice';
import { TEST_IDS } from '../../test-ids';
import { IncidentTile } from './IncidentTile';

/**
 * Incidents by severity (those merged into another are left out), each with its workflow actions, SLA timer and
 * expandable evidence; the one the triage keys act on is marked.
 */
export function IncidentsPanel() {
  const { incidents, now, expandedId, toggle, focus, breaches } = useWall(
    useShallow((s) => ({
      incidents: s.incidents,
      now: s.hub.now,
      expandedId: s.expandedIncidentId,
      toggle: s.toggleEvidence,
      focus: s.focusIncident,
      breaches: s.breaches,
    })),
  );
  const targetId = useWall((s) => triageTarget(s)?.id ?? null);
  const focusedId = useWall((s) => s.focusedIncidentId);
  const list = useMemo(() => listedIncidents(incidents), [incidents]);
  useEffect(() => {
    // A notification click or [ ] focuses an incident: bring its tile into view (jsdom has no scrollIntoView).
    if (focusedId === null) return;
    const tiles = document.querySelectorAll<HTMLElement>('[data-incident-id]');
    [...tiles].find((t) => t.dataset.incidentId === focusedId)?.scrollIntoView?.({ block: 'nearest' });
  }, [focusedId]);
  const openList = useMemo(() => list.filter(isOpenIncident), [list]);
  return (
    <section className="panel" aria-label="Incidents" data-testid={TEST_IDS.incidents}>
      <h2>
        Incidents <span className="muted">· {openList.length} open</span>
      </h2>
      <div className="incidents">
        {list.length === 0 && <p className="muted">No incidents. Breakdowns appear here with their evidence.</p>}
        {list.map((i) => (
          <IncidentTile
            key={i.id}
            incident={i}
            now={now}
            expanded={expandedId === i.id}
            onToggle={toggle}
            isTarget={targetId === i.id}
            breachReported={breaches.some((b) => b.incidentId === i.id)}
            mergeTargets={openList.filter((o) => o.id !== i.id)}
            onFocus={focus}
          />
        ))}
      </div>
    </section>
  );
}
