import type { Answer } from '../http.ts';

/**
 * HEC's documented status codes, as it answers them: HTTP status, `text` and `code`
 * ("Troubleshoot HTTP Event Collector", "Possible error codes":
 * https://docs.splunk.com/Documentation/Splunk/latest/Data/TroubleshootHTTPEventCollector).
 */
export const HEC_CODES = {
  success: [200, 0, 'Success'],
  tokenDisabled: [403, 1, 'Token disabled'],
  tokenRequired: [401, 2, 'Token is required'],
  invalidAuthorization: [401, 3, 'Invalid authorization'],
  invalidToken: [403, 4, 'Invalid token'],
  noData: [400, 5, 'No data'],
  invalidDataFormat: [400, 6, 'Invalid data format'],
  incorrectIndex: [400, 7, 'Incorrect index'],
  internalError: [500, 8, 'Internal server error'],
  serverBusy: [503, 9, 'Server is busy'],
  channelMissing: [400, 10, 'Data channel is missing'],
  invalidChannel: [400, 11, 'Invalid data channel'],
  eventRequired: [400, 12, 'Event field is required'],
  eventBlank: [400, 13, 'Event field cannot be blank'],
  ackDisabled: [400, 14, 'ACK is disabled'],
  indexedFields: [400, 15, 'Error in handling indexed fields'],
  healthy: [200, 17, 'HEC is healthy'],
  unhealthy: [503, 18, 'HEC is unhealthy, queues are full'],
} as const satisfies Record<string, readonly [number, number, string]>;

export type HecCodeName = keyof typeof HEC_CODES;

/** The answer for a code; `extra` adds fields such as `ackId` or `invalid-event-number`. */
export function hecAnswer(name: HecCodeName, extra: Readonly<Record<string, unknown>> = {}): Answer {
  const [status, code, text] = HEC_CODES[name];
  return { status, body: { text, code, ...extra } };
}

/** A request the receiver refuses, carrying the code to answer with (and the event at fault). */
export class HecRefusal extends Error {
  readonly code: HecCodeName;
  readonly invalidEvent: number | undefined;

  constructor(code: HecCodeName, invalidEvent?: number) {
    super(HEC_CODES[code][2]);
    this.code = code;
    this.invalidEvent = invalidEvent;
  }

  answer(): Answer {
    return hecAnswer(this.code, this.invalidEvent === undefined ? {} : { 'invalid-event-number': this.invalidEvent });
  }
}
