export { sendRequest, describeUrl, failureOutcome, DEFAULT_TIMEOUT_MS } from './http-client';
export type { HttpRequest, HttpResponse, HttpResult, HttpFailure } from './http-client';
export { headerNumber, parseRetryAfter, epochSecondsHeader, deltaSecondsHeader } from './headers';
export { classifyHttpError, errorDetail, DEFAULT_RATE_LIMIT_WAIT_MS } from './classify';
export type { ClassifyOptions } from './classify';
export { redactSecrets, sampleOf, zodReason } from './redact';
export { validateEach, checkMention, clipText } from './validate';
export type { Validated } from './validate';
