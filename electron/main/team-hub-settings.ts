import type { CredentialVault } from '../core';
import type { PreferencesStore } from './preferences';

/** The vault entry that holds the team hub's personal token (never the preferences, never the renderer). */
export const TEAM_HUB_VAULT_ID = 'team-hub';

/** A saved team hub: its origin (from the preferences) and its token (from the safeStorage vault). */
export interface TeamHubSetting {
  readonly origin: string;
  readonly token: string;
}

/** Where the setting lives: the origin in the preferences, the token in the vault. */
export interface TeamHubPlaces {
  readonly prefs: PreferencesStore;
  readonly vault: CredentialVault;
}

/**
 * Saves a verified hub: the token first (the vault refuses when no OS keyring can encrypt it, and then nothing
 * is saved), then the origin. Throws the vault's error (its message says what to do).
 */
export async function saveTeamHub(places: TeamHubPlaces, setting: TeamHubSetting): Promise<void> {
  await places.vault.set(TEAM_HUB_VAULT_ID, { token: setting.token });
  places.prefs.update({ teamHub: { origin: setting.origin } });
}

/** The saved team hub, or null: none chosen, or its token is gone (a reset keyring), so the own hub runs. */
export async function loadTeamHub(places: TeamHubPlaces): Promise<TeamHubSetting | null> {
  const chosen = places.prefs.read().teamHub;
  if (chosen === null) return null;
  const token = (await places.vault.get(TEAM_HUB_VAULT_ID))?.token;
  return token === undefined || token === '' ? null : { origin: chosen.origin, token };
}

/** "Use this computer's own hub": forgets the origin and deletes the token. */
export async function forgetTeamHub(places: TeamHubPlaces): Promise<void> {
  places.prefs.update({ teamHub: null });
  await places.vault.set(TEAM_HUB_VAULT_ID, { token: '' });
}
