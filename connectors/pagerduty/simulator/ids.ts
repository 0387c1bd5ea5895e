/** Ids shaped like PagerDuty's: objects P + 6 characters (PIJ90N7), newer incidents Q + 13 (Q02JTSNZWHSEKV), keys 32 hex digits. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Deterministic ids: the nth of a kind, spread over the alphabet so that ids sort in creation order. */
export class IdSource {
  #counters = new Map<string, number>();

  next(prefix: string, length: number): string {
    const n = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, n);
    let body = '';
    for (let rest = n; body.length < length; rest = Math.floor(rest / ALPHABET.length)) body = ALPHABET[rest % ALPHABET.length] + body;
    return `${prefix}${body}`;
  }

  /** A 32-hex-digit integration (routing) key. */
  key(seed: string): string {
    let hex = '';
    for (let i = 0; hex.length < 32; i += 1) hex += ((seed.charCodeAt(i % seed.length) * 31 + i * 17) % 256).toString(16).padStart(2, '0');
    return hex.slice(0, 32);
  }
}
