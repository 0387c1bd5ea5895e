/**
 * Measures validateRecord on the sample records: the one-off cost of loading the schema and compiling a
 * class, then the warm cost per record, with and without warnings.
 * Usage: node scripts/bench-validate.ts
 */
import { validateRecord } from '../src/index.ts';
import * as samples from '../src/testing/sample-records.ts';

const microseconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1000;

const coldStart = process.hrtime.bigint();
validateRecord(samples.detectionFinding());
console.log(`first call (load ~1 MB schema, compile detection_finding): ${(microseconds(coldStart) / 1000).toFixed(1)} ms`);

const runs = 20_000;
for (const [name, build] of Object.entries(samples)) {
  const record = build();
  for (let i = 0; i < 2_000; i++) validateRecord(record);
  const timings = [true, false].map((warnings) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) validateRecord(record, { warnings });
    return (microseconds(start) / runs).toFixed(2);
  });
  console.log(`${name.padEnd(22)} ${timings[0]} us/record (${timings[1]} us without warnings)`);
}
