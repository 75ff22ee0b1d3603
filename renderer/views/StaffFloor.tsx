import { VolumePanel } from '../charts/VolumePanel';
import { LiveFeed } from '../features/feed/LiveFeed';
import { IncidentsPanel } from '../features/incidents/IncidentsPanel';
import { MeasuresPanel } from '../features/measures/MeasuresPanel';
import { TEST_IDS } from '../test-ids';

/** The staff floor: the live feed to triage, with volume, measures and incidents beside it. */
export function StaffFloor() {
  return (
    <div className="wall-main" data-testid={TEST_IDS.layoutFloor}>
      <LiveFeed />
      <div className="wall-side">
        <VolumePanel />
        <MeasuresPanel />
        <IncidentsPanel />
      </div>
    </div>
  );
}
