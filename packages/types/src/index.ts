export { errorCodes, type ErrorCode, type ErrorCodeSpec, type ErrorKind } from './error-codes.ts';
export { PatchbayError, isPatchbayError, type PatchbayErrorOptions } from './errors.ts';
export { Secret, maskSecret, REDACTED_TEXT } from './secret.ts';
export { roles, isRole, mutatingRoles, adminRoles, type Role } from './roles.ts';
export type { Clock } from './clock.ts';
export { systemClock, ManualClock } from './clocks.ts';
