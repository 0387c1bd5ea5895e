import type { Clock } from '@patchbay/types';
import type { AsffFinding } from '../mappers/asff.ts';
import { makeFinding, type FindingKind } from './finding-factory.ts';

interface Held {
  readonly n: number;
  readonly kind: FindingKind;
  readonly region: string;
  readonly createdAt: string;
  revision: number;
  finding: AsffFinding;
}

export interface SeedLayout {
  readonly count: number;
  /** Page size of the listing: the last finding of a page and the first of the next share UpdatedAt. */
  readonly boundaryPageSize?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
export const byUpdated = (a: AsffFinding, b: AsffFinding) => Date.parse(a.UpdatedAt) - Date.parse(b.UpdatedAt) || (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0);

/** The findings a simulated Security Hub (home Region with cross-Region aggregation) holds. */
export class FindingStore {
  readonly #clock: Clock;
  readonly #kinds: readonly FindingKind[];
  readonly #regions: readonly string[];
  #held: Held[] = [];
  #next = 1;

  constructor(clock: Clock, kinds: readonly FindingKind[], regions: readonly string[]) {
    this.#clock = clock;
    this.#kinds = kinds;
    this.#regions = regions;
  }

  #make(region: string, createdMs: number, updatedMs: number): Held {
    const n = this.#next++;
    const kind = this.#kinds[(n - 1) % this.#kinds.length]!;
    const held: Held = { n, kind, region, createdAt: iso(createdMs), revision: 1, finding: undefined as unknown as AsffFinding };
    held.finding = makeFinding(kind, { n, region, createdAt: held.createdAt, updatedAt: iso(updatedMs), revision: 1 });
    return held;
  }

  /**
   * Adds findings updated in the minutes before now, split over the Regions in consecutive blocks (so
   * each Region's listing keeps the equal-timestamp layout when asked for).
   */
  seed(layout: SeedLayout): void {
    const now = this.#clock.now().getTime();
    const perRegion = Math.ceil(layout.count / this.#regions.length);
    const start = now - (layout.count + 10) * 60_000;
    for (let i = 0; i < layout.count; i += 1) {
      const region = this.#regions[Math.floor(i / perRegion)]!;
      const k = i % perRegion;
      const size = layout.boundaryPageSize;
      // With boundaries: finding k shares its time with k-1 when k starts a page.
      const slot = size ? k - Math.floor(k / size) : k;
      const at = start + slot * 60_000;
      this.#held.push(this.#make(region, at - 3_600_000, at));
    }
  }

  /** New findings, changed ones (a new revision, UpdatedAt now) and vanished ones (aged out after 90 days). */
  mutate(change: { create?: number; update?: number; delete?: number }): void {
    const now = this.#clock.now().getTime();
    const ordered = [...this.#held].sort((a, b) => byUpdated(a.finding, b.finding));
    for (const held of ordered.slice(0, change.update ?? 0)) {
      held.revision += 1;
      const base = makeFinding(held.kind, { n: held.n, region: held.region, createdAt: held.createdAt, updatedAt: iso(now), revision: held.revision });
      held.finding = { ...base, Workflow: held.finding.Workflow, WorkflowState: held.finding.WorkflowState, ...(held.finding.Note ? { Note: held.finding.Note } : {}) };
    }
    const deleting = Math.min(change.delete ?? 0, ordered.length);
    const gone = new Set(ordered.slice(ordered.length - deleting).map((h) => h.finding.Id));
    this.#held = this.#held.filter((h) => !gone.has(h.finding.Id));
    for (let i = 0; i < (change.create ?? 0); i += 1) this.#held.push(this.#make(this.#regions[i % this.#regions.length]!, now, now));
  }

  all(): AsffFinding[] {
    return this.#held.map((h) => h.finding).sort(byUpdated);
  }

  find(id: string, productArn: string): Held | undefined {
    return this.#held.find((h) => h.finding.Id === id && h.finding.ProductArn === productArn);
  }

  /** BatchUpdateFindings: Workflow and Note change; UpdatedAt does not (as the API reference says). */
  update(held: Held, change: { status?: string; note?: { Text: string; UpdatedBy: string } }): void {
    const now = iso(this.#clock.now().getTime());
    held.finding = {
      ...held.finding,
      ...(change.status ? { Workflow: { Status: change.status }, WorkflowState: change.status === 'RESOLVED' ? 'RESOLVED' : held.finding.WorkflowState } : {}),
      ...(change.note ? { Note: { ...change.note, UpdatedAt: now } } : {}),
    };
  }
}
