import type { AnyConnector, AnyStream } from '@patchbay/sdk';
import { normalizeRecord, type MappingOverride, type RecordAnnotations } from '../sync/normalize-page.ts';

export interface SampleResult {
  readonly index: number;
  readonly externalId: string | null;
  readonly ok: boolean;
  /** The connector's own OCSF output, before the mapping (null when its mapper threw). */
  readonly mapped: Record<string, unknown> | null;
  /** The record after the mapping (null when the mapping failed). */
  readonly output: Record<string, unknown> | null;
  readonly annotations: RecordAnnotations | null;
  /** Why the record would be rejected: the runner's reason (OCSF errors, or the failing field and message). */
  readonly reason: Record<string, unknown> | null;
}

export interface TestOptions {
  readonly connector: AnyConnector;
  readonly stream: AnyStream;
  readonly instanceId: string;
  readonly override?: MappingOverride;
  readonly now: Date;
}

/** Runs each sample the way the runner would, one by one, and reports each outcome. */
export async function testMapping(samples: readonly unknown[], options: TestOptions): Promise<SampleResult[]> {
  const { connector, stream } = options;
  const meta = { connector: { id: connector.id, name: connector.name, vendor: connector.vendor, version: connector.version }, stream: stream.name, instanceId: options.instanceId, receivedAt: options.now };
  const results: SampleResult[] = [];
  for (const [index, raw] of samples.entries()) {
    let mapped: Record<string, unknown> | null;
    try {
      mapped = { ...stream.map(raw, meta) } as Record<string, unknown>;
    } catch {
      mapped = null;
    }
    const outcome = await normalizeRecord(raw, { stream, meta, override: options.override });
    if (outcome.ok) {
      results.push({ index, externalId: outcome.record.externalId, ok: true, mapped, output: outcome.record.data, annotations: outcome.record.annotations ?? null, reason: null });
    } else {
      results.push({ index, externalId: outcome.rejected.externalId, ok: false, mapped, output: outcome.output ?? null, annotations: null, reason: outcome.rejected.reason });
    }
  }
  return results;
}
