import { ago } from '../../components/format.ts';
import type { LiveSample, StreamSamples } from './mapping-types.ts';

/** One raw vendor record the sample panel offers, from the store or live from the vendor. */
export interface SampleChoice {
  readonly label: string;
  readonly raw: unknown;
}

/** Where the offered samples came from, and what to say about them. */
export interface SampleSet {
  readonly choices: readonly SampleChoice[];
  /** Said when there are none (why, and what to do). */
  readonly note: string | null;
  /** Said when they came live from the vendor: how many and how fast. */
  readonly summary: string | null;
}

const plural = (n: number) => `${n} record${n === 1 ? '' : 's'}`;

export function recentSet(samples: StreamSamples, now = Date.now()): SampleSet {
  return {
    choices: samples.items.map((s) => ({ label: `${s.external_id ?? '(no id)'} · ${s.source === 'rejected' ? 'rejected' : 'stored'} · ${ago(s.seen_at, now)}`, raw: s.raw })),
    note: samples.items.length === 0 ? (samples.note ?? 'No recent records of this stream.') : null,
    summary: null,
  };
}

/** "3 of the first page's 5 records from the vendor in 42 ms": the count that came back and the call's latency. */
export function liveSummary(sample: LiveSample): string {
  const count = sample.page_records > sample.items.length ? `${sample.items.length} of the first page's ${plural(sample.page_records)}` : plural(sample.items.length);
  return `${count} from the vendor in ${sample.latency_ms} ms`;
}

export function liveSet(sample: LiveSample): SampleSet {
  return {
    choices: sample.items.map((s) => ({ label: `${s.external_id ?? '(no id)'} · live`, raw: s.raw })),
    note: sample.note,
    summary: liveSummary(sample),
  };
}
