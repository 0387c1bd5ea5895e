import type { Answer } from '../http.ts';

/**
 * The REST API's message envelope, `{"messages":[{"type":"FATAL","text":"..."}]}`, which splunkd
 * answers errors with (REST API Reference, "Endpoints reference list", "Response codes").
 */
export function messages(status: number, type: 'INFO' | 'WARN' | 'ERROR' | 'FATAL', text: string): Answer {
  return { status, body: { messages: [{ type, text }] } };
}

/** A request the REST API refuses with 400 and the reason. */
export class BadSearch extends Error {}
