import { z } from 'zod';
import {
  commandSchemas,
  eventSchemas,
  type CommandName,
  type CommandResponse,
  type EventName,
  type HubEvent,
} from '../../shared/contract';
import { appError, err, ok, type AppError, type Result } from '../../shared/result';

const isEventName = (name: string): name is EventName => Object.hasOwn(eventSchemas, name);

const RawEventSchema = z.object({ name: z.string().max(64), payload: z.unknown() });

/** Validates an untrusted event against the contract; the error says why it was dropped. */
export function validateEvent(raw: unknown): Result<HubEvent> {
  const shape = RawEventSchema.safeParse(raw);
  if (!shape.success) return err(appError('invalid-event', 'event is not {name, payload}'));
  const { name, payload } = shape.data;
  if (!isEventName(name)) return err(appError('unknown-event', `unknown event "${name}"`));
  const parsed = eventSchemas[name].safeParse(payload);
  if (!parsed.success)
    return err(appError('invalid-event', `"${name}" payload: ${parsed.error.issues[0]?.message ?? 'invalid'}`));
  // The schema was chosen by `name`, so the pair is a valid HubEvent; TypeScript cannot correlate the two.
  return ok({ name, payload: parsed.data } as HubEvent);
}

/** Validates a command's untrusted response value against its schema. */
export function validateResponse<N extends CommandName>(name: N, value: unknown): Result<CommandResponse<N>> {
  const parsed = commandSchemas[name].response.safeParse(value);
  if (!parsed.success) {
    return err(appError('invalid-response', `"${name}" response: ${parsed.error.issues[0]?.message ?? 'invalid'}`));
  }
  // Same correlation as above: the schema is the one for `name`.
  return ok(parsed.data as CommandResponse<N>);
}

const AppErrorSchema = z.object({ code: z.string().max(200), message: z.string().max(2000) });

/** A `Result` as it arrives over a wire: value unchecked (see validateResponse), error checked. */
export const WireResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);

/** Turns a wire result into a typed Result of the command's response. */
export function checkWireResult<N extends CommandName>(name: N, raw: unknown): Result<CommandResponse<N>> {
  const result = WireResultSchema.safeParse(raw);
  if (!result.success) return err(appError('invalid-response', `"${name}" returned a malformed result`));
  if (!result.data.ok) return err<AppError>(result.data.error);
  return validateResponse(name, result.data.value);
}
