import type { Clock } from '@patchbay/types';
import type { GuardDutyDetector, GuardDutyFinding } from '../mappers/types.ts';
import { makeFinding } from './finding-factory.ts';

const MINUTE = 60_000;

/** GetDetector's answer (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetDetector.html), held per Region. */
export interface SimulatedDetector {
  readonly id: string;
  readonly body: Readonly<Record<string, unknown>>;
}

interface RegionState {
  detector?: SimulatedDetector;
  readonly findings: Map<string, GuardDutyFinding>;
}

/** GuardDuty's state across Regions: at most one detector per Region (a hard quota), each with its findings. */
export class GuardDutyState {
  readonly #clock: Clock;
  readonly #regions: readonly string[];
  readonly #state = new Map<string, RegionState>();
  #serial = 0;
  #detectorSerial = 0;

  constructor(clock: Clock, regions: readonly string[]) {
    this.#clock = clock;
    this.#regions = regions;
    for (const region of regions) this.#state.set(region, { findings: new Map() });
  }

  region(name: string): RegionState | undefined {
    return this.#state.get(name);
  }

  #iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  #detectorBody(createdAt: string, updatedAt: string, revision: number): Record<string, unknown> {
    return {
      createdAt,
      updatedAt,
      findingPublishingFrequency: revision % 2 === 1 ? 'SIX_HOURS' : 'FIFTEEN_MINUTES',
      serviceRole: 'arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
      status: 'ENABLED',
      // Timestamp shapes go over the wire as epoch seconds (rest-json); the detector's own times are strings.
      features: [{ name: 'CLOUD_TRAIL', status: 'ENABLED', updatedAt: Date.parse(updatedAt) / 1000 }],
      tags: { revision: String(revision) },
    };
  }

  /** Enables GuardDuty in a Region: creates its detector. */
  enable(region: string, at: number): SimulatedDetector {
    const state = this.#state.get(region)!;
    const id = `${(++this.#detectorSerial).toString(16).padStart(4, '0')}${region.replace(/[^a-z0-9]/g, '')}`.padEnd(32, '0').slice(0, 32);
    state.detector = { id, body: this.#detectorBody(this.#iso(at), this.#iso(at), 1) };
    return state.detector;
  }

  /** Seeds `count` detectors into Regions that have none, a minute apart before now. */
  seedDetectors(count: number): void {
    const free = this.#regions.filter((r) => !this.#state.get(r)!.detector);
    if (count > free.length) throw new Error(`GuardDuty allows one detector per Region: only ${free.length} Regions are free`);
    let at = this.#clock.now().getTime() - (count + 1) * MINUTE;
    for (const region of free.slice(0, count)) this.enable(region, (at += MINUTE));
  }

  /** The Region findings are seeded into: the first with a detector (GuardDuty is enabled there first if none is). */
  #findingRegion(): string {
    const region = this.#regions.find((r) => this.#state.get(r)!.detector) ?? this.#regions[0]!;
    if (!this.#state.get(region)!.detector) this.enable(region, this.#clock.now().getTime() - 90 * 86_400_000);
    return region;
  }

  /** Findings a minute apart ending a minute before now; with `equalEvery`, each page's first shares the previous one's time. */
  seedFindings(count: number, equalEvery?: number, region = this.#findingRegion()): void {
    const state = this.#state.get(region)!;
    let at = this.#clock.now().getTime() - (count + 1) * MINUTE;
    for (let k = 0; k < count; k++) {
      if (k > 0 && !(equalEvery !== undefined && k % equalEvery === 0)) at += MINUTE;
      const finding = makeFinding(++this.#serial, region, state.detector!.id, this.#iso(at), this.#iso(at), 1, false);
      state.findings.set(finding.id, finding);
    }
  }

  allFindings(): GuardDutyFinding[] {
    return [...this.#state.values()].flatMap((s) => [...s.findings.values()]);
  }

  detectors(): GuardDutyDetector[] {
    return [...this.#state.entries()].flatMap(([region, s]) => (s.detector ? [{ ...s.detector.body, detectorId: s.detector.id, region }] : []));
  }

  /** New occurrences of the oldest findings (count and updatedAt move), and new findings, stamped now. */
  mutateFindings(update: number, create: number): void {
    const now = this.#iso(this.#clock.now().getTime());
    const oldest = this.allFindings().sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id < b.id ? -1 : 1));
    for (const finding of oldest.slice(0, update)) this.touch(finding.region!, finding.id, { count: Number((finding.service as { count?: number }).count ?? 1) + 1 }, now);
    if (create > 0) {
      const region = this.#findingRegion();
      const detectorId = this.#state.get(region)!.detector!.id;
      for (let i = 0; i < create; i++) {
        const finding = makeFinding(++this.#serial, region, detectorId, now, now, 1, false);
        this.#state.get(region)!.findings.set(finding.id, finding);
      }
    }
  }

  /** Changes a finding's service fields and stamps `updatedAt`, as GuardDuty does on a new occurrence or an archive. */
  touch(region: string, id: string, service: Readonly<Record<string, unknown>>, at = this.#iso(this.#clock.now().getTime())): void {
    const findings = this.#state.get(region)!.findings;
    const finding = findings.get(id)!;
    findings.set(id, { ...finding, updatedAt: at, service: { ...finding.service, ...service, eventLastSeen: at } });
  }

  /** Updates the oldest detectors, disables GuardDuty (deletes the detector) in Regions without findings, enables it in new ones. */
  mutateDetectors(update: number, create: number, remove: number): void {
    const now = this.#clock.now().getTime();
    const enabled = this.#regions.filter((r) => this.#state.get(r)!.detector);
    for (const region of enabled.slice(0, update)) {
      const detector = this.#state.get(region)!.detector!;
      const revision = Number((detector.body.tags as Record<string, string>).revision) + 1;
      this.#state.get(region)!.detector = { id: detector.id, body: this.#detectorBody(String(detector.body.createdAt), this.#iso(now), revision) };
    }
    const removable = enabled.slice(update).filter((r) => this.#state.get(r)!.findings.size === 0);
    for (const region of removable.slice(0, remove)) this.#state.get(region)!.detector = undefined;
    const free = this.#regions.filter((r) => !this.#state.get(r)!.detector && !removable.slice(0, remove).includes(r));
    for (const region of free.slice(0, create)) this.enable(region, now);
  }
}
