import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured number, as a benchmark reports it. */
export interface Measurement {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The same metric for the reference (a bare fetch, say), measured in the same run. */
  readonly baseline?: number | null;
  /** Applies to `ratio` (value / baseline) when there is a baseline, else to `value`. */
  readonly target?: number | null;
  readonly better: 'higher' | 'lower';
  readonly db?: string;
}

/** One line of `bench/results/<bench>.jsonl`. */
export interface ResultLine {
  readonly bench: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly ratio: number | null;
  readonly target: number | null;
  readonly better: 'higher' | 'lower';
  readonly db: string;
  readonly at: string;
}

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

export function toResultLine(bench: string, m: Measurement, at = new Date()): ResultLine {
  const baseline = m.baseline ?? null;
  return {
    bench,
    metric: m.metric,
    value: round(m.value),
    unit: m.unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline === null || baseline === 0 ? null : round(m.value / baseline),
    target: m.target ?? null,
    better: m.better,
    db: m.db ?? 'none',
    at: at.toISOString(),
  };
}

/** Whether a line meets its target (undefined when it has none). */
export function meetsTarget(line: ResultLine): boolean | undefined {
  if (line.target === null) return undefined;
  const measured = line.ratio ?? line.value;
  return line.better === 'lower' ? measured <= line.target : measured >= line.target;
}

export function formatTable(lines: readonly ResultLine[]): string {
  const header = ['metric', 'value', 'unit', 'baseline', 'ratio', 'target', 'ok'];
  const rows = lines.map((l) => {
    const ok = meetsTarget(l);
    return [l.metric, String(l.value), l.unit, String(l.baseline ?? '-'), String(l.ratio ?? '-'), String(l.target ?? '-'), ok === undefined ? '-' : ok ? 'yes' : 'NO'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(fmt)].join('\n');
}

/** Appends the measurements to `bench/results/<bench>.jsonl`, prints them as a table, and returns the lines. */
export function writeResults(bench: string, measurements: readonly Measurement[], resultsDir = RESULTS_DIR): ResultLine[] {
  const at = new Date();
  const lines = measurements.map((m) => toResultLine(bench, m, at));
  mkdirSync(resultsDir, { recursive: true });
  appendFileSync(join(resultsDir, `${bench}.jsonl`), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  console.log(`\n${bench}\n${formatTable(lines)}\n`);
  return lines;
}
