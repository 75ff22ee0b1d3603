/** What a keyboard shortcut does. */
export type ShortcutAction =
  | 'toggle-theme'
  | 'toggle-large-type'
  | 'toggle-settings'
  | 'toggle-help'
  | 'next-mention'
  | 'previous-mention'
  | 'newest-mention'
  | 'open-mention'
  | 'close';

/** The keymap, also listed in the help overlay. */
export const SHORTCUTS: ReadonlyArray<{
  readonly key: string;
  readonly action: ShortcutAction;
  readonly label: string;
}> = [
  { key: 'j', action: 'next-mention', label: 'Next (older) mention in the feed' },
  { key: 'k', action: 'previous-mention', label: 'Previous (newer) mention' },
  { key: 'g', action: 'newest-mention', label: 'Jump to the newest mention' },
  { key: 'o', action: 'open-mention', label: 'Open the selected post at its source' },
  { key: 't', action: 'toggle-theme', label: 'Dark / light theme' },
  { key: 'l', action: 'toggle-large-type', label: 'Large type (for the wall display)' },
  { key: 's', action: 'toggle-settings', label: 'Settings' },
  { key: '?', action: 'toggle-help', label: 'This help' },
  { key: 'Escape', action: 'close', label: 'Close help / settings' },
];

/** The little of a key event the keymap needs. */
export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** True when focus is in a text field, where keys belong to the field. */
  readonly inTextField: boolean;
}

/** The action for a key press, or null (modifiers and text fields pass through, except Escape). */
export function actionForKey(input: KeyInput): ShortcutAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (input.inTextField && input.key !== 'Escape') return null;
  return SHORTCUTS.find((s) => s.key === input.key)?.action ?? null;
}
