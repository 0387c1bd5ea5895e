import { describe, expect, it } from 'vitest';
import type { ExecutionRow } from '../sync/executions.ts';
import { syncFinishedEntry, syncStartedEntry } from './sync-entries.ts';

const at = new Date('2026-05-01T10:00:00Z');
const row = (over: Partial<ExecutionRow>): ExecutionRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  organizationId: '00000000-0000-4000-8000-000000000002',
  instanceId: '00000000-0000-4000-8000-000000000003',
  stream: 'alerts',
  scheduleId: null,
  trigger: 'scheduled',
  status: 'completed',
  initiatedBy: null,
  startedAt: at,
  endedAt: new Date(at.getTime() + 1500),
  heartbeatAt: null,
  cancelRequestedAt: null,
  pages: 1,
  recordsProcessed: 10,
  recordsCreated: 4,
  recordsUpdated: 1,
  recordsUnchanged: 5,
  recordsDeleted: 0,
  recordsInvalid: 0,
  recordsFailed: 0,
  errorDetails: null,
  createdAt: at,
  ...over,
}) as ExecutionRow;

describe('sync log entries', () => {
  it('levels a finished run by its outcome and carries the sync id and counters', () => {
    expect(syncStartedEntry(row({}), at)).toMatchObject({ level: 'info', operation: 'sync', syncId: row({}).id, message: 'Sync of stream alerts started (scheduled)', occurredAt: at });
    expect(syncFinishedEntry(row({}), at)).toMatchObject({ level: 'success', details: { duration_ms: 1500, records_created: 4 }, message: 'Sync of stream alerts completed: 10 records (4 created, 1 updated, 0 deleted)' });
    expect(syncFinishedEntry(row({ recordsInvalid: 2 }), at)).toMatchObject({ level: 'warning', message: expect.stringContaining('with 2 rejected records') });
    const error = { code: 'VENDOR_AUTH_FAILED', kind: 'auth', message: 'The vendor rejected the credentials' };
    expect(syncFinishedEntry(row({ status: 'failed', errorDetails: error }), at)).toMatchObject({ level: 'error', message: 'Sync of stream alerts failed: The vendor rejected the credentials (VENDOR_AUTH_FAILED)', details: { error } });
    expect(syncFinishedEntry(row({ status: 'cancelled' }), at)).toMatchObject({ level: 'warning' });
    const refused = { code: 'SYNC_ALREADY_RUNNING', kind: 'conflict', message: 'Stream alerts of this instance is already syncing' };
    expect(syncFinishedEntry(row({ status: 'failed', errorDetails: refused }), at)).toMatchObject({ level: 'warning', message: expect.stringContaining('did not run') });
  });
});
