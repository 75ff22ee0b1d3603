import { z } from 'zod';
import { CHANNELS } from './mention';

/** What a configured source is: a real channel, the built-in simulator, or a replayed file (which speak for several channels). */
export const SourceKindSchema = z.enum([...CHANNELS, 'simulator', 'replay']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const HEALTH_STATES = ['ok', 'degraded', 'failing', 'auth-error', 'rate-limited', 'idle'] as const;
export const HealthStateSchema = z.enum(HEALTH_STATES);
export type HealthState = z.infer<typeof HealthStateSchema>;

/** How one configured source is doing; shown on the wall and in /api/status. */
export const SourceHealthSchema = z.object({
  sourceId: z.string(),
  kind: SourceKindSchema,
  label: z.string(),
  state: HealthStateSchema,
  /** Epoch ms of the last successful poll, or null before the first. */
  lastSuccessAt: z.number().nullable(),
  /** Epoch ms of the newest mention received, or null. Stale data is marked on the wall. */
  lastItemAt: z.number().nullable(),
  /** When state is rate-limited: epoch ms the API said the limit resets. */
  rateLimitedUntil: z.number().nullable(),
  itemsPerMinute: z.number().nonnegative(),
  /** Malformed items rejected since start. */
  rejected: z.number().int().nonnegative(),
  /** Readable last error, never containing credentials. */
  lastError: z.string().nullable(),
});
export type SourceHealth = z.infer<typeof SourceHealthSchema>;
