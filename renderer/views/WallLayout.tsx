import { assertNever } from '../../shared/assert-never';
import { useWall } from '../app/wall-context';
import { ExecutiveDisplay } from './ExecutiveDisplay';
import { StaffFloor } from './StaffFloor';
import { SupervisorBoard } from './SupervisorBoard';

/** The layout the wall shows: staff floor, supervisor board or executive display (keys 1 / 2 / 3). */
export function WallLayout() {
  const layout = useWall((s) => s.layout);
  switch (layout) {
    case 'floor':
      return <StaffFloor />;
    case 'board':
      return <SupervisorBoard />;
    case 'display':
      return <ExecutiveDisplay />;
    default:
      return assertNever(layout, 'layout');
  }
}
