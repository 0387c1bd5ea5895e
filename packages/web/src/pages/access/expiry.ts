/** How soon a credential or token expires, as a tone and words: expired, within a week (warn), later, never. */
export function expiryState(expiration: string | null, now = Date.now()): { tone: 'good' | 'warn' | 'bad' | 'neutral'; text: string } {
  if (!expiration) return { tone: 'neutral', text: 'does not expire' };
  const left = new Date(expiration).getTime() - now;
  const day = 86_400_000;
  const date = expiration.slice(0, 10);
  if (left <= 0) return { tone: 'bad', text: `expired on ${date}` };
  if (left < day) return { tone: 'warn', text: `expires in ${Math.max(1, Math.round(left / 3_600_000))} h` };
  if (left < 7 * day) return { tone: 'warn', text: `expires in ${Math.round(left / day)} d (${date})` };
  return { tone: 'good', text: `expires on ${date}` };
}
