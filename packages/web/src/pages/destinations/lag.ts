/** 0 → "up to date"; 95 → "1 min 35 s behind"; 7200 → "2 h behind". */
export function lagText(eventsBehind: number, ageSeconds: number): string {
  if (eventsBehind === 0) return 'up to date';
  const s = Math.round(ageSeconds);
  const age = s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}` : s < 86_400 ? `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}` : `${Math.floor(s / 86_400)} d`;
  return `${eventsBehind.toLocaleString('en')} event${eventsBehind === 1 ? '' : 's'} behind, oldest ${age}`;
}

/** A datetime-local input's value (local time, minutes) as an ISO instant; null when empty or invalid. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** An instant as a datetime-local input's value. */
export function isoToLocal(iso: string | number): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
