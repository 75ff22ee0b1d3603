import { z } from 'zod';
import type { Result } from './result';

/**
 * The desktop app's one IPC channel beside the contract: Settings → "Connect to a team hub" asks the main
 * process to verify a hub and switch to it. The main process answers only the app's own page.
 */
export const TEAM_HUB_CHANNEL = 'desktop:team-hub';

/** What Settings sends: the hub's address and a personal token (which goes no further than the main process). */
export const TeamHubRequestSchema = z
  .object({
    action: z.literal('connect'),
    url: z.string().min(1).max(2048),
    token: z.string().min(1).max(200),
  })
  .strict();
export type TeamHubRequest = z.infer<typeof TeamHubRequestSchema>;

/** What the main process answers (never the token): the hub it is switching to, or why not. */
export type TeamHubReply = Result<{
  readonly origin: string;
  readonly user: { readonly name: string; readonly role: string } | null;
}>;
