import { useCallback, useEffect, useState } from 'react';
import type { SourceView } from '../../../shared/contract';
import { useTransport, useWall } from '../../app/wall-context';
import { TEST_IDS } from '../../test-ids';
import { SourceSettingsCard } from './SourceSettingsCard';
import { TeamHubCard, teamHubConnector } from './TeamHubCard';

type Load =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly sources: ReadonlyArray<SourceView> };

/**
 * Settings: in the desktop app, "Connect to a team hub"; then each configured source, its credentials
 * (write-only) and a connection test.
 */
export function SettingsView() {
  const transport = useTransport();
  const health = useWall((s) => s.sources);
  const close = useWall((s) => s.toggleSettings);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [connectTeamHub] = useState(() => teamHubConnector(window));

  const fetchSources = useCallback(
    (onLoad: (load: Load) => void): Promise<void> =>
      transport
        .invoke('sources:list', {})
        .then((result) =>
          onLoad(
            result.ok ? { state: 'ready', sources: result.value } : { state: 'error', message: result.error.message },
          ),
        ),
    [transport],
  );
  const refresh = useCallback(async (): Promise<void> => fetchSources(setLoad), [fetchSources]);

  useEffect(() => {
    let live = true;
    void fetchSources((next) => {
      if (live) setLoad(next);
    });
    return () => {
      live = false;
    };
  }, [fetchSources]);

  return (
    <section className="panel settings" aria-label="Settings" data-testid={TEST_IDS.settingsView}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <h2 style={{ flex: 1 }}>Settings · sources</h2>
        <button type="button" onClick={close}>
          Back to wall (Esc)
        </button>
      </div>
      {connectTeamHub !== null && <TeamHubCard connect={connectTeamHub} />}
      {load.state === 'loading' && (
        <div className="loading" role="status">
          <div className="spinner" aria-hidden="true" />
          Loading sources…
        </div>
      )}
      {load.state === 'error' && (
        <div className="error-banner" role="alert">
          Could not load the sources: {load.message}{' '}
          <button type="button" onClick={() => void refresh()}>
            Retry
          </button>
        </div>
      )}
      {load.state === 'ready' && load.sources.length === 0 && <p className="muted">No sources are configured.</p>}
      {load.state === 'ready' &&
        load.sources.map((s) => (
          <SourceSettingsCard
            key={s.sourceId}
            source={s}
            health={health.get(s.sourceId)}
            onSaved={() => void refresh()}
          />
        ))}
    </section>
  );
}
