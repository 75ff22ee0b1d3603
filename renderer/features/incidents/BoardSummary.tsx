import { useMemo } from 'react';
import type { Incident } from '../../../shared/incident';
import { TEST_IDS } from '../../test-ids';
import { SEVERITY_MARK } from '../../theme/palette';
import { boardCounts, SEVERITIES, WORKFLOW_STATES } from './board-view';

/** Incidents by severity (rows) and workflow state (columns), with the open SLA breaches: the board at a glance. */
export function BoardSummary(props: { readonly incidents: ReadonlyArray<Incident>; readonly now: number }) {
  const counts = useMemo(() => boardCounts(props.incidents, props.now), [props.incidents, props.now]);
  return (
    <table className="board-summary" data-testid={TEST_IDS.boardSummary}>
      <caption>
        Incidents by severity and state
        {counts.breached > 0 && (
          <span className="sla" data-breached="true">
            {' '}
            · ⚠ {counts.breached} past SLA
          </span>
        )}
      </caption>
      <thead>
        <tr>
          <th scope="col">Severity</th>
          {WORKFLOW_STATES.map((s) => (
            <th key={s} scope="col">
              {s}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {SEVERITIES.map((sev) => (
          <tr key={sev}>
            <th scope="row" className="sev" data-severity={sev}>
              {SEVERITY_MARK[sev]} {sev}
            </th>
            {WORKFLOW_STATES.map((state) => {
              const n = counts.cells.get(`${sev}:${state}`) ?? 0;
              return (
                <td
                  key={state}
                  data-testid={TEST_IDS.boardSummaryCell}
                  data-cell={`${sev}:${state}`}
                  data-zero={n === 0}
                >
                  {n}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
