import { VolumePanel } from '../charts/VolumePanel';
import { MeasuresPanel } from '../features/measures/MeasuresPanel';
import { TEST_IDS } from '../test-ids';

/** The executive display (`?wall=1`): read from across the room. */
export function ExecutiveDisplay() {
  return (
    <div className="wall-main display" data-testid={TEST_IDS.layoutDisplay}>
      <VolumePanel />
      <MeasuresPanel />
    </div>
  );
}
