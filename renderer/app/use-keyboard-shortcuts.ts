import { useEffect } from 'react';
import { assertNever } from '../../shared/assert-never';
import { safeExternalUrl } from '../features/feed/external-link';
import { floorFeed } from '../stores/floor-slice';
import { toggleHandled } from '../features/search/history-loader';
import type { WallStore } from '../stores/wall-store';
import type { Transport } from '../transport/transport';
import { actionForKey, type ShortcutAction } from './shortcuts';
import { runTriage } from './triage-keys';

function openSelected(store: WallStore): void {
  const s = store.getState();
  const mention = floorFeed(s).find((m) => m.id === s.selectedId);
  const url = safeExternalUrl(mention?.url);
  if (url !== null) window.open(url, '_blank', 'noopener,noreferrer');
}

/** Escape closes the innermost thing open: the flag chooser, an incident form, then help or settings. */
function close(store: WallStore): void {
  const s = store.getState();
  if (s.flagChooserFor !== null) return s.openFlagChooser(null);
  if (s.openForm !== null) return s.openIncidentForm(null);
  s.closeOverlay();
}

function run(action: ShortcutAction, store: WallStore, transport: Transport): void {
  const s = store.getState();
  switch (action) {
    case 'toggle-theme':
      return s.toggleTheme();
    case 'toggle-large-type':
      return s.toggleLargeType();
    case 'toggle-settings':
      return s.toggleSettings();
    case 'toggle-help':
      return s.toggleHelp();
    case 'show-floor':
      return s.setLayout('floor');
    case 'show-board':
      return s.setLayout('board');
    case 'show-display':
      return s.setLayout('display');
    case 'next-mention':
      return s.moveSelection(1);
    case 'previous-mention':
      return s.moveSelection(-1);
    case 'newest-mention':
      return s.selectMention(floorFeed(s)[0]?.id ?? null);
    case 'open-mention':
      return openSelected(store);
    case 'next-incident':
    case 'previous-incident':
    case 'acknowledge-incident':
    case 'escalate-incident':
    case 'resolve-incident':
    case 'note-incident':
    case 'flag-mention':
    case 'focus-search':
      return runTriage(action, store, transport);
    case 'toggle-handled':
      return s.selectedId === null
        ? s.setNotice('Select a post first (j / k), then press h.')
        : void toggleHandled(store, transport, s.selectedId);
    case 'cycle-public':
      return s.cyclePublicMode();
    case 'close':
      return close(store);
    default:
      return assertNever(action, 'shortcut');
  }
}

const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Installs the wall's keyboard shortcuts on the window while mounted; triage keys send commands through `transport`. */
export function useKeyboardShortcuts(store: WallStore, transport: Transport): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const action = actionForKey({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        inTextField: isTextField(e.target),
      });
      if (action === null) return;
      e.preventDefault();
      run(action, store, transport);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, transport]);
}
