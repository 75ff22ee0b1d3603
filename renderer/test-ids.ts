/** Every test id on the wall, shared by components and the Playwright end-to-end test. */
export const TEST_IDS = {
  app: 'wall-app',
  loading: 'wall-loading',
  feed: 'live-feed',
  mentionRow: 'mention-row',
  mentionText: 'mention-text',
  connection: 'connection-status',
  hubVersion: 'hub-version',
  mentionCount: 'hub-mention-count',
  sourcesStrip: 'sources-strip',
  sourceChip: 'source-chip',
  volumeChart: 'volume-chart',
  incidents: 'incidents-panel',
  incidentTile: 'incident-tile',
  incidentExport: 'incident-export',
  evidenceCard: 'evidence-card',
  themeToggle: 'theme-toggle',
  largeTypeToggle: 'large-type-toggle',
  settingsToggle: 'settings-toggle',
  settingsView: 'settings-view',
  sourceSettings: 'source-settings',
  sourceTestResult: 'source-test-result',
  helpOverlay: 'help-overlay',
  errorBanner: 'error-banner',
} as const;

/** One test id value. */
export type TestId = (typeof TEST_IDS)[keyof typeof TEST_IDS];
