import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useWall } from '../app/wall-context';
import { VolumePanel } from '../charts/VolumePanel';
import { WallPngButton } from '../features/export/WallPngButton';
import { BoardSummary } from '../features/incidents/BoardSummary';
import { IncidentDetail } from '../features/incidents/IncidentDetail';
import { IncidentsPanel } from '../features/incidents/IncidentsPanel';
import { MeasuresPanel } from '../features/measures/MeasuresPanel';
import { listedIncidents, triageTarget } from '../stores/triage-slice';
import { TEST_IDS } from '../test-ids';
import './board.css';

/**
 * The supervisor board: incidents by severity and state (summary grid, then the list with SLA timers, owners
 * and actions); beside it the focused incident's evidence drawn, its delivery log and post-mortem; measures
 * and volume under that.
 */
export function SupervisorBoard() {
  const { incidents, now } = useWall(useShallow((s) => ({ incidents: s.incidents, now: s.hub.now })));
  const target = useWall((s) => triageTarget(s));
  const list = useMemo(() => listedIncidents(incidents), [incidents]);
  return (
    <div className="wall-main board" data-testid={TEST_IDS.layoutBoard}>
      <div className="board-left">
        <div className="board-top">
          <BoardSummary incidents={list} now={now} />
          <WallPngButton now={now} />
        </div>
        <IncidentsPanel />
      </div>
      <div className="board-right">
        <IncidentDetail incident={target} now={now} />
        <MeasuresPanel />
        <VolumePanel />
      </div>
    </div>
  );
}
