import pino from 'pino';

/** A structured, named logger. Secrets never go in; `redact` is the safety net for known credential keys. */
export type Logger = pino.Logger;

const REDACT = ['*.token', '*.password', '*.secret', '*.apiKey', '*.bearerToken', '*.authorization', '*.credentials'];

/** The hub's root logger. Level from EARSHOT_LOG_LEVEL (default info; "silent" in tests). */
export function createLogger(
  level = process.env.EARSHOT_LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = { name: 'earshot', level, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options, pino.destination(2));
}

/** A logger that writes nothing: the default in tests. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
