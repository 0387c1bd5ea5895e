import type { IncomingMessage, ServerResponse } from 'node:http';

/** One answer of the simulated Splunk: status, JSON body, extra headers. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Reads the whole request body as bytes (HEC bodies may be gzip). */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Writes an answer as JSON; `cut` sends only the first half of the JSON (the malformed-json fault). */
export function send(response: ServerResponse, answer: Answer, cut = false): void {
  if (answer.body === undefined) {
    response.writeHead(answer.status, { ...answer.headers });
    response.end();
    return;
  }
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...answer.headers });
  response.end(cut ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
}
