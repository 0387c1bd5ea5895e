import type { Capabilities, Connector, ConnectorSchema, Instance } from '../../api/types.ts';

export const STEPS = ['Choose', 'Credentials', 'Data mapping', 'Test & activate'] as const;

/** What the wizard has gathered so far; the instance exists from the end of step 2 on. */
export interface WizardData {
  readonly connector: Connector;
  readonly schema: ConnectorSchema;
  readonly capabilities: Capabilities;
}

export interface WizardProgress {
  name: string;
  configuration: Record<string, unknown>;
  authType: string;
  credentials: Record<string, unknown>;
  allowPrivateNetwork: boolean;
  instance?: Instance;
  authConfigId?: string;
}

export function defaultName(connector: Connector): string {
  return connector.installed ? `${connector.name} ${connector.install_count + 1}` : connector.name;
}
