import { and, eq } from 'drizzle-orm';
import type { AnyStream } from '@patchbay/sdk';
import { streamStates, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';

export interface StreamStart {
  readonly checkpoint: unknown;
  /** For full-refresh streams: when the run that this checkpoint belongs to started. */
  readonly runStartedAt: Date | null;
}

/**
 * Reads where a stream resumes. A fresh full-refresh run records its start (records not seen after it
 * are deleted at the end); a resumed one keeps the original start, so a restart loses no deletion.
 */
export async function loadStreamState(db: Db, instanceId: string, stream: AnyStream, now: Date): Promise<StreamStart> {
  const [row] = await db.select().from(streamStates).where(and(eq(streamStates.instanceId, instanceId), eq(streamStates.stream, stream.name)));
  let checkpoint: unknown = undefined;
  if (row?.checkpoint !== undefined && row?.checkpoint !== null) {
    const parsed = stream.checkpoint.safeParse(row.checkpoint);
    if (!parsed.success) {
      throw new PatchbayError('CHECKPOINT_INVALID', {
        message: `The stored checkpoint of stream ${stream.name} does not match its schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        details: { stream: stream.name },
      });
    }
    checkpoint = parsed.data;
  }
  if (!stream.fullRefresh) return { checkpoint, runStartedAt: null };
  if (checkpoint !== undefined && row?.runStartedAt) return { checkpoint, runStartedAt: row.runStartedAt };
  // A new full-refresh run (or a resumed one of unknown start: restart it, so no deletion is decided on half a run).
  await db
    .insert(streamStates)
    .values({ instanceId, stream: stream.name, checkpoint: null, runStartedAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [streamStates.instanceId, streamStates.stream], set: { checkpoint: null, runStartedAt: now, updatedAt: now } });
  return { checkpoint: undefined, runStartedAt: now };
}
