import { useEffect } from 'react';
import { assertNever } from '../../shared/assert-never';
import { safeExternalUrl } from '../features/feed/external-link';
import type { WallStore } from '../stores/wall-store';
import { actionForKey, type ShortcutAction } from './shortcuts';

function openSelected(store: WallStore): void {
  const { selectedId, mentions } = store.getState();
  const mention = mentions.items.find((m) => m.id === selectedId);
  const url = safeExternalUrl(mention?.url);
  if (url !== null) window.open(url, '_blank', 'noopener,noreferrer');
}

function run(action: ShortcutAction, store: WallStore): void {
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
    case 'next-mention':
      return s.moveSelection(1);
    case 'previous-mention':
      return s.moveSelection(-1);
    case 'newest-mention':
      return s.selectMention(s.mentions.items[0]?.id ?? null);
    case 'open-mention':
      return openSelected(store);
    case 'close':
      return s.closeOverlay();
    default:
      return assertNever(action, 'shortcut');
  }
}

const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Installs the wall's keyboard shortcuts on the window while mounted. */
export function useKeyboardShortcuts(store: WallStore): void {
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
      run(action, store);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
