import { VolumePanel } from '../charts/VolumePanel';
import { LiveFeed } from '../features/feed/LiveFeed';
import { HelpOverlay } from '../features/help/HelpOverlay';
import { FlagChooser } from '../features/triage/FlagChooser';
import { IncidentsPanel } from '../features/incidents/IncidentsPanel';
import { MeasuresPanel } from '../features/measures/MeasuresPanel';
import { SettingsView } from '../features/settings/SettingsView';
import { ErrorBanner } from '../features/status/ErrorBanner';
import { SourcesStrip } from '../features/status/SourcesStrip';
import { StatusBar } from '../features/status/StatusBar';
import { TEST_IDS } from '../test-ids';
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

function Wall() {
  return (
    <div className="wall-main">
      <LiveFeed />
      <div className="wall-side">
        <VolumePanel />
        <MeasuresPanel />
        <IncidentsPanel />
      </div>
    </div>
  );
}

/** The first wall: status bar, sources strip, then feed, volume chart and incidents (or settings). */
export function App() {
  const store = useWallStore();
  const transport = useTransport();
  useKeyboardShortcuts(store, transport);
  const ready = useWall((s) => s.ready);
  const view = useWall((s) => s.view);
  return (
    <div className="wall" data-testid={TEST_IDS.app}>
      <div>
        <StatusBar />
        <ErrorBanner />
      </div>
      <SourcesStrip />
      {view === 'settings' ? <SettingsView /> : ready ? <Wall /> : <Loading />}
      <HelpOverlay />
      <FlagChooser />
    </div>
  );
}
