import { z } from 'zod';

/** The protocol version every request names; a program answering another version is refused. */
export const PROTOCOL_VERSION = 'patchbay-process/1';

export const processOperations = ['spec', 'check', 'discover', 'read', 'invoke', 'map'] as const;
export type ProcessOperation = (typeof processOperations)[number];

const object = z.record(z.string(), z.unknown());
const logLevels = ['debug', 'info', 'warn', 'error'] as const;

const log = z.strictObject({ type: z.literal('LOG'), level: z.enum(logLevels), message: z.string(), fields: object.optional() });
const error = z.strictObject({
  type: z.literal('ERROR'),
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be an error code in capitals, like VENDOR_RATE_LIMITED'),
  message: z.string(),
  retryable: z.boolean().optional(),
  retry_after_ms: z.number().int().min(0).optional(),
  details: object.optional(),
});
const spec = z.strictObject({ type: z.literal('SPEC'), spec: object });
const check = z.strictObject({ type: z.literal('CHECK'), ok: z.literal(true, 'must be true: a failed check is an ERROR message'), details: object.optional() });
const catalog = z.strictObject({
  type: z.literal('CATALOG'),
  streams: z.array(z.strictObject({ name: z.string(), available: z.boolean(), reason: z.string().optional() })),
});
const record = z
  .strictObject({
    type: z.literal('RECORD'),
    stream: z.string(),
    record: object,
    ocsf: object.optional(),
    mapping_error: z.string().min(1).optional(),
  })
  .refine((m) => (m.ocsf === undefined) !== (m.mapping_error === undefined), 'needs exactly one of ocsf (the mapped object) and mapping_error');
const state = z.strictObject({ type: z.literal('STATE'), stream: z.string().optional(), checkpoint: object });
const result = z.strictObject({ type: z.literal('RESULT'), output: z.unknown() });

const schemas = { LOG: log, ERROR: error, SPEC: spec, CHECK: check, CATALOG: catalog, RECORD: record, STATE: state, RESULT: result } as const;

export type MessageType = keyof typeof schemas;
export type LogMessage = z.output<typeof log>;
export type ErrorMessage = z.output<typeof error>;
export type RecordMessage = z.output<typeof record>;
export type StateMessage = z.output<typeof state>;
export type ProgramMessage = { [K in MessageType]: z.output<(typeof schemas)[K]> }[MessageType];
export type MessageOf<T extends MessageType> = Extract<ProgramMessage, { type: T }>;

/** The answers each operation may send besides LOG and ERROR. */
export const answersOf: Readonly<Record<ProcessOperation, readonly MessageType[]>> = {
  spec: ['SPEC'],
  check: ['CHECK'],
  discover: ['CATALOG'],
  read: ['RECORD', 'STATE'],
  invoke: ['RESULT'],
  map: ['RECORD'],
};

/** Parses one stdout line. Returns the message, or a sentence saying what is wrong with the line. */
export function parseMessage(line: string): { message: ProgramMessage } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { problem: `is not JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'is not a JSON object' };
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !(type in schemas)) {
    return { problem: `has unknown message type ${JSON.stringify(type)}; the types are ${Object.keys(schemas).join(', ')}` };
  }
  const parsed = schemas[type as MessageType].safeParse(value);
  if (parsed.success) return { message: parsed.data as ProgramMessage };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? `${type}.${issue.path.map(String).join('.')}` : type;
  return { problem: `is not a valid ${type} message: ${where}: ${issue.message}` };
}
