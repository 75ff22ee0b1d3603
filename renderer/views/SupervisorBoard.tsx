import { VolumePanel } from '../charts/VolumePanel';
import { IncidentsPanel } from '../features/incidents/IncidentsPanel';
import { MeasuresPanel } from '../features/measures/MeasuresPanel';
import { TEST_IDS } from '../test-ids';

/** The supervisor board: incidents with their SLAs, owners and actions first; measures and volume beside them. */
export function SupervisorBoard() {
  return (
    <div className="wall-main board" data-testid={TEST_IDS.layoutBoard}>
      <IncidentsPanel />
      <div className="wall-side">
        <MeasuresPanel />
        <VolumePanel />
      </div>
    </div>
  );
}
