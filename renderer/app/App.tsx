import { HelpOverlay } from '../features/help/HelpOverlay';
import { FlagChooser } from '../features/triage/FlagChooser';
import { SettingsView } from '../features/settings/SettingsView';
import { ErrorBanner } from '../features/status/ErrorBanner';
import { SourcesStrip } from '../features/status/SourcesStrip';
import { StatusBar } from '../features/status/StatusBar';
import { TEST_IDS } from '../test-ids';
import { WallLayout } from '../views/WallLayout';
import { LayoutTabs } from './LayoutTabs';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';
import { useTransport, useWall, useWallStore } from './wall-context';

function Loading() {
  return (
    <div className="panel loading" role="status" data-testid={TEST_IDS.loading}>
      <div className="spinner" aria-hidden="true" />
      <div>Connecting to the hub and loading the latest snapshot…</div>
    </div>
  );
}

/** The wall: status bar, layout tabs and sources strip, then the chosen layout (or settings). */
export function App() {
  const store = useWallStore();
  const transport = useTransport();
  useKeyboardShortcuts(store, transport);
  const ready = useWall((s) => s.ready);
  const view = useWall((s) => s.view);
  const display = useWall((s) => s.layout === 'display' && s.view === 'wall');
  return (
    <div className="wall" data-testid={TEST_IDS.app}>
      <div>
        <StatusBar />
        <ErrorBanner />
      </div>
      <LayoutTabs />
      {!display && <SourcesStrip />}
      {view === 'settings' ? <SettingsView /> : ready ? <WallLayout /> : <Loading />}
      <HelpOverlay />
      <FlagChooser />
    </div>
  );
}
