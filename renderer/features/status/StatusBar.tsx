import { useShallow } from 'zustand/react/shallow';
import { useWall } from '../../app/wall-context';
import type { LinkState } from '../../stores/connection-slice';
import { TEST_IDS } from '../../test-ids';
import { NotifyControls } from '../notify/NotifyControls';
import { assertNever } from '../../../shared/assert-never';
import { clockLabel, useViewerNow } from '../display/clock-view';

/** The words for a link state, e.g. "reconnecting (attempt 3)". */
export function linkLabel(link: LinkState): string {
  switch (link.status) {
    case 'connecting':
      return 'connecting…';
    case 'connected':
      return 'connected';
    case 'reconnecting':
      return `reconnecting (attempt ${link.attempt})`;
    case 'offline':
      return 'offline — retrying';
    default:
      return assertNever(link.status, 'link status');
  }
}

function DisplayToggles() {
  const { theme, largeType, toggleTheme, toggleLargeType, toggleSettings, toggleHelp } = useWall(
    useShallow((s) => ({
      theme: s.theme,
      largeType: s.largeType,
      toggleTheme: s.toggleTheme,
      toggleLargeType: s.toggleLargeType,
      toggleSettings: s.toggleSettings,
      toggleHelp: s.toggleHelp,
    })),
  );
  return (
    <>
      <button type="button" data-testid={TEST_IDS.themeToggle} onClick={toggleTheme} title="Theme (t)">
        {theme === 'dark' ? '☾ dark' : '☀ light'}
      </button>
      <button
        type="button"
        data-testid={TEST_IDS.largeTypeToggle}
        onClick={toggleLargeType}
        aria-pressed={largeType}
        title="Large type (l)"
      >
        A+ large
      </button>
      <button type="button" data-testid={TEST_IDS.settingsToggle} onClick={toggleSettings} title="Settings (s)">
        ⚙ settings
      </button>
      <button type="button" onClick={toggleHelp} title="Keyboard shortcuts (?)">
        ? keys
      </button>
    </>
  );
}

/**
 * Top bar: connection, hub version and mention count, hub clock (with the date when hub time is not now), display
 * toggles. On the executive display only what a viewer needs stays: connection and toggles (it has its own clock).
 */
export function StatusBar() {
  const viewerNow = useViewerNow();
  const { link, hub, invalidEvents, actor, actorError, display } = useWall(
    useShallow((s) => ({
      display: s.layout === 'display' && s.view === 'wall',
      link: s.link,
      hub: s.hub,
      invalidEvents: s.invalidEvents,
      actor: s.actor,
      actorError: s.actorError,
    })),
  );
  return (
    <header className="status-bar">
      <span className="brand">Earshot</span>
      <span className="link" data-status={link.status} data-testid={TEST_IDS.connection} role="status">
        {link.status === 'connected' ? '●' : link.status === 'offline' ? '✕' : '◌'} {linkLabel(link)}
      </span>
      {!display && (
        <>
          <span className="muted">
            hub <span data-testid={TEST_IDS.hubVersion}>{hub.version ?? '—'}</span>
          </span>
          <span>
            <span data-testid={TEST_IDS.mentionCount}>{hub.storedMentions.toLocaleString()}</span> mentions
          </span>
          {invalidEvents > 0 && <span className="muted">{invalidEvents} invalid events dropped</span>}
        </>
      )}
      <span className="spacer" />
      {!display && actor !== null && (
        <span className="muted" data-testid={TEST_IDS.actorRole} title={`desk ${actor.desk}`}>
          {actor.name} · {actor.role}
        </span>
      )}
      {!display && actor === null && actorError !== null && (
        <span className="muted" data-testid={TEST_IDS.actorRole} title={actorError}>
          read-only (the hub did not say who you are)
        </span>
      )}
      {!display && (
        <span className="muted" title="hub time" data-testid={TEST_IDS.hubClock}>
          {clockLabel(hub.now, viewerNow, true)}
        </span>
      )}
      <NotifyControls />
      <DisplayToggles />
    </header>
  );
}
