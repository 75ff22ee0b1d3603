import { VolumePanel } from '../charts/VolumePanel';
import { FeedExport } from '../features/export/FeedExport';
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
        <div>
          <MeasuresPanel />
          <FeedExport />
        </div>
        <IncidentsPanel />
      </div>
    </div>
  );
}
