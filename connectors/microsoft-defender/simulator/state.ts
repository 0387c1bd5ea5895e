import type { Clock } from '@patchbay/types';
import { Dataset } from './dataset.ts';
import { SkipTokens, type AnyDataset } from './odata.ts';
import { alertRecord, incidentRecord, machineRecord, vulnerabilityRecord } from './records.ts';

/** A Defender for Endpoint MachineAction the simulator created. */
export interface SimMachineAction {
  readonly id: string;
  readonly type: 'Isolate' | 'Unisolate';
  readonly machineId: string;
  readonly comment: string;
  readonly scope: string | null;
}

/** Everything the simulated tenant holds: the four collections, isolation state, denied permissions. */
export class SimState {
  readonly clock: Clock;
  readonly alerts: AnyDataset;
  readonly incidents: AnyDataset;
  readonly devices: AnyDataset;
  readonly vulnerabilities: AnyDataset;
  readonly tokens = new SkipTokens();
  readonly isolated = new Set<string>();
  readonly actions: SimMachineAction[] = [];
  /** Application permissions the app registration lacks: requests needing one get 403. */
  readonly denied = new Set<string>();

  constructor(clock: Clock) {
    this.clock = clock;
    this.alerts = new Dataset(clock, alertRecord);
    this.incidents = new Dataset(clock, incidentRecord);
    this.devices = new Dataset(clock, machineRecord);
    this.vulnerabilities = new Dataset(clock, vulnerabilityRecord);
  }

  dataset(stream: string): AnyDataset {
    switch (stream) {
      case 'alerts':
        return this.alerts;
      case 'incidents':
        return this.incidents;
      case 'devices':
        return this.devices;
      case 'vulnerabilities':
        return this.vulnerabilities;
      default:
        throw new Error(`The microsoft-defender simulator serves alerts, incidents, devices and vulnerabilities, not ${stream}`);
    }
  }
}
