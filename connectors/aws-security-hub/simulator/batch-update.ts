import { errors, type Answer } from './aws-errors.ts';
import type { FindingStore } from './finding-store.ts';

/**
 * BatchUpdateFindings, PATCH /findings/batchupdate
 * (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchUpdateFindings.html): up to 100
 * FindingIdentifiers; Workflow.Status and Note change; an unknown finding is listed in
 * UnprocessedFindings with ErrorCode FindingNotFound; UpdatedAt does not change.
 */
export interface BatchUpdateBody {
  readonly FindingIdentifiers?: readonly { readonly Id?: string; readonly ProductArn?: string }[];
  readonly Workflow?: { readonly Status?: string };
  readonly Note?: { readonly Text?: string; readonly UpdatedBy?: string };
}

const STATUSES = new Set(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']);

export function serveBatchUpdate(body: BatchUpdateBody, store: FindingStore): Answer {
  const identifiers = body.FindingIdentifiers ?? [];
  if (identifiers.length === 0 || identifiers.length > 100) return errors.invalidInput('FindingIdentifiers must hold 1 to 100 findings');
  if (identifiers.some((i) => !i.Id || !i.ProductArn)) return errors.invalidInput('Each finding identifier needs an Id and a ProductArn');
  const status = body.Workflow?.Status;
  if (status !== undefined && !STATUSES.has(status)) return errors.invalidInput(`Workflow.Status ${status} is not one of NEW, NOTIFIED, RESOLVED, SUPPRESSED`);
  if (body.Note && (!body.Note.Text || !body.Note.UpdatedBy)) return errors.invalidInput('Note needs Text and UpdatedBy');
  const processed: { Id: string; ProductArn: string }[] = [];
  const unprocessed: { FindingIdentifier: { Id: string; ProductArn: string }; ErrorCode: string; ErrorMessage: string }[] = [];
  const seen = new Set<string>();
  for (const identifier of identifiers) {
    const key = { Id: identifier.Id!, ProductArn: identifier.ProductArn! };
    const held = store.find(key.Id, key.ProductArn);
    if (seen.has(`${key.Id}\u0000${key.ProductArn}`)) unprocessed.push({ FindingIdentifier: key, ErrorCode: 'DuplicatedFindingIdentifier', ErrorMessage: 'Duplicated finding identifier' });
    else if (!held) unprocessed.push({ FindingIdentifier: key, ErrorCode: 'FindingNotFound', ErrorMessage: 'Finding Not Found' });
    else {
      store.update(held, { ...(status ? { status } : {}), ...(body.Note ? { note: { Text: body.Note.Text!, UpdatedBy: body.Note.UpdatedBy! } } : {}) });
      processed.push(key);
    }
    seen.add(`${key.Id}\u0000${key.ProductArn}`);
  }
  return { status: 200, body: { ProcessedFindings: processed, UnprocessedFindings: unprocessed } };
}
