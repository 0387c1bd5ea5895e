import { PatchbayError } from '@patchbay/types';

/** Talks to a running hub's HTTP API (PATCHBAY_URL with PATCHBAY_TOKEN). */
export interface HubClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export function hubClient(baseUrl: string, token: string): HubClient {
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetch(new URL(path, baseUrl), {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (cause) {
        throw new PatchbayError('VENDOR_UNAVAILABLE', { message: `Cannot reach the hub at ${baseUrl}`, hint: 'Check PATCHBAY_URL and that the hub is running.', cause });
      }
      const text = await res.text();
      const json = text ? (JSON.parse(text) as unknown) : undefined;
      if (!res.ok) {
        const problem = (json ?? {}) as { code?: string; detail?: string; hint?: string };
        const error = new Error(`${res.status} ${problem.code ?? ''}: ${problem.detail ?? text}${problem.hint ? `\n${problem.hint}` : ''}`);
        throw Object.assign(error, { status: res.status });
      }
      return json as T;
    },
  };
}
