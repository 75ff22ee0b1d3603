/** What a keyboard shortcut does. */
export type ShortcutAction =
  | 'toggle-theme'
  | 'toggle-large-type'
  | 'toggle-settings'
  | 'toggle-help'
  | 'show-floor'
  | 'show-board'
  | 'show-display'
  | 'next-mention'
  | 'previous-mention'
  | 'newest-mention'
  | 'open-mention'
  | 'next-incident'
  | 'previous-incident'
  | 'acknowledge-incident'
  | 'escalate-incident'
  | 'resolve-incident'
  | 'note-incident'
  | 'flag-mention'
  | 'focus-search'
  | 'toggle-handled'
  | 'cycle-public'
  | 'close';

/** The keymap, also listed in the help overlay. */
export const SHORTCUTS: ReadonlyArray<{
  readonly key: string;
  readonly action: ShortcutAction;
  readonly label: string;
}> = [
  { key: '1', action: 'show-floor', label: 'Staff floor: the live feed' },
  { key: '2', action: 'show-board', label: 'Supervisor board: incidents, SLAs and actions' },
  { key: '3', action: 'show-display', label: 'Executive display: the wall from across the room' },
  { key: 'j', action: 'next-mention', label: 'Next (older) mention in the feed' },
  { key: 'k', action: 'previous-mention', label: 'Previous (newer) mention' },
  { key: 'g', action: 'newest-mention', label: 'Jump to the newest mention' },
  { key: 'o', action: 'open-mention', label: 'Open the selected post at its source' },
  { key: '/', action: 'focus-search', label: 'Search all stored posts (full text; Enter or Esc returns to the feed)' },
  { key: ']', action: 'next-incident', label: 'Next incident: the one a / e / r / n act on (marked ◀ keys)' },
  { key: '[', action: 'previous-incident', label: 'Previous incident (without a choice: the top open one)' },
  { key: 'a', action: 'acknowledge-incident', label: 'Acknowledge the marked incident' },
  { key: 'e', action: 'escalate-incident', label: 'Escalate the marked incident (supervisors)' },
  { key: 'r', action: 'resolve-incident', label: 'Resolve the marked incident (opens the form; Enter resolves)' },
  { key: 'n', action: 'note-incident', label: 'Add a note to the marked incident' },
  {
    key: 'f',
    action: 'flag-mention',
    label: 'Flag the selected post to an incident (the marked or only open one, else pick)',
  },
  { key: 't', action: 'toggle-theme', label: 'Dark / light theme' },
  { key: 'l', action: 'toggle-large-type', label: 'Large type (for the wall display)' },
  { key: 's', action: 'toggle-settings', label: 'Settings' },
  { key: '?', action: 'toggle-help', label: 'This help' },
  { key: 'h', action: 'toggle-handled', label: 'Mark the selected post handled (again: not handled)' },
  { key: 'p', action: 'cycle-public', label: 'Public screen: posts masked, then charts only, then off' },
  { key: 'Escape', action: 'close', label: 'Close a form, help or settings' },
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
