import type { IpcMainInvokeEvent } from 'electron';
import { appError, err, errorMessage, ok } from '../../shared/result';
import { TEAM_HUB_CHANNEL, TeamHubRequestSchema, type TeamHubReply } from '../../shared/team-hub';
import type { HubFetch } from './team-hub';
import { hubOrigin, verifyTeamHub } from './team-hub';
import { forgetTeamHub, saveTeamHub, type TeamHubPlaces, type TeamHubSetting } from './team-hub-settings';
import { attachHubToken, detachHubToken, TEAM_HUB_PARTITION } from './team-window';
import type { HostContext } from './host-context';
import { closeWindow, openWindow } from './host-windows';
import { checkSender } from './ipc-guard';
import { senderOf } from './ipc';
import { startOwnHub, stopOwnHub } from './own-hub';
import { hardenSession } from './window';

const nodeFetch: HubFetch = (url, init) => fetch(url, init);

function places(context: HostContext): TeamHubPlaces {
  const { prefs, teamVault } = context.state;
  if (prefs === null || teamVault === null) throw new Error('the host has not started');
  return { prefs, vault: teamVault };
}

/** The team partition's session, hardened as the default one (CSP, permissions). */
function teamSession(context: HostContext) {
  const session = context.electron.session.fromPartition(TEAM_HUB_PARTITION);
  hardenSession(session);
  return session;
}

/** Shows a saved team hub: its token on that origin's requests, its page in the window, no own hub. */
export function openTeamHub(context: HostContext, setting: TeamHubSetting): void {
  attachHubToken(teamSession(context), setting.origin, setting.token);
  context.state.teamOrigin = setting.origin;
  context.state.window = openWindow(context);
  context.logger.info({ origin: setting.origin }, 'showing a team hub instead of the own hub');
}

/**
 * Settings → "Connect to a team hub": checks the address (https beyond loopback), verifies the hub and the
 * token, saves them (token in the vault, origin in the preferences), stops the own hub and opens the team
 * hub's wall. Nothing changes when any step fails; the answer says why, and never holds the token.
 */
export async function connectTeamHub(context: HostContext, url: string, token: string): Promise<TeamHubReply> {
  const origin = hubOrigin(url);
  if (!origin.ok) return origin;
  const verified = await verifyTeamHub(origin.value, token, context.options.fetch ?? nodeFetch);
  if (!verified.ok) return verified;
  try {
    await saveTeamHub(places(context), { origin: origin.value, token: token.trim() });
  } catch (error) {
    return err(appError('vault', errorMessage(error)));
  }
  closeWindow(context);
  await stopOwnHub(context);
  openTeamHub(context, { origin: origin.value, token: token.trim() });
  return ok(verified.value);
}

/** "Use this computer's own hub": forgets the team hub (and its token), then boots the own hub again. */
export async function useOwnHub(context: HostContext): Promise<boolean> {
  await forgetTeamHub(places(context));
  detachHubToken(teamSession(context));
  closeWindow(context);
  context.state.teamOrigin = null;
  return startOwnHub(context);
}

/**
 * Serves TEAM_HUB_CHANNEL to the own hub's app page only (the IPC guard's sender check), its request checked
 * with zod. `onSwitched` runs after a switch (the tray's menu changes).
 */
export function serveTeamHubSettings(context: HostContext, onSwitched: () => void): () => void {
  const { ipcMain } = context.electron;
  ipcMain.handle(TEAM_HUB_CHANNEL, async (event: IpcMainInvokeEvent, raw: unknown): Promise<TeamHubReply> => {
    const allowed = checkSender(senderOf(event));
    if (!allowed.ok) return allowed;
    const request = TeamHubRequestSchema.safeParse(raw);
    if (!request.success) return err(appError('invalid-request', 'Send the hub’s address and a personal token.'));
    const reply = await connectTeamHub(context, request.data.url, request.data.token);
    if (reply.ok) onSwitched();
    return reply;
  });
  return () => ipcMain.removeHandler(TEAM_HUB_CHANNEL);
}
