import { VolumePanel } from '../charts/VolumePanel';
import { FeedExport } from '../features/export/FeedExport';
import { LiveFeed } from '../features/feed/LiveFeed';
import { PostDetail } from '../features/feed/PostDetail';
import { IncidentsPanel } from '../features/incidents/IncidentsPanel';
import { MeasuresPanel } from '../features/measures/MeasuresPanel';
import { TEST_IDS } from '../test-ids';
import './floor.css';

/**
 * The staff floor: the feed to triage (live, reaching back through stored history; search `/`, filters, sort),
 * the selected post in full with its actions, then volume, measures and incidents.
 */
export function StaffFloor() {
  return (
    <div className="wall-main" data-testid={TEST_IDS.layoutFloor}>
      <LiveFeed />
      <div className="wall-side floor-side">
        <PostDetail />
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
