import type { SimulatorFactory } from '@patchbay/conformance';
import awsSecurityHub from '@patchbay/connector-aws-security-hub/simulator';
import httpJson from '@patchbay/connector-http-json/simulator';
import jira from '@patchbay/connector-jira/simulator';
import okta from '@patchbay/connector-okta/simulator';
import tenable from '@patchbay/connector-tenable-vm/simulator';

/** One simulated vendor of the demo, installed as an ordinary instance of its built-in connector. */
export interface DemoSource {
  readonly connectorId: string;
  /** The instance's name: how a later start finds it again. */
  readonly name: string;
  readonly simulator: SimulatorFactory;
  /** Records the simulated vendor holds, per stream, when it starts. */
  readonly seed: Readonly<Record<string, number>>;
}

/**
 * Assets, vulnerabilities, findings, identities and tickets. Each of these vendors takes a static
 * credential (API key, basic, bearer, AWS signature), so the vault keeps refusing http:// token endpoints
 * in demo mode too: connectors whose simulators issue OAuth2 tokens over http (CrowdStrike, Defender)
 * are left out.
 */
export const demoSources: readonly DemoSource[] = [
  { connectorId: 'tenable-vm', name: 'Tenable VM (demo)', simulator: tenable, seed: { assets: 15, vulnerabilities: 40, scans: 3 } },
  { connectorId: 'aws-security-hub', name: 'AWS Security Hub (demo)', simulator: awsSecurityHub, seed: { findings: 20 } },
  { connectorId: 'okta', name: 'Okta (demo)', simulator: okta, seed: { users: 25, groups: 5, 'group-memberships': 20, applications: 6, 'system-log': 30 } },
  { connectorId: 'jira', name: 'Jira (demo)', simulator: jira, seed: { issues: 8 } },
  { connectorId: 'http-json', name: 'JSON API (demo)', simulator: httpJson, seed: { records: 20 } },
];

/** The demo's ticket rule: high and critical vulnerabilities from the scanner open Jira issues under an SLA policy. */
export const demoTickets = {
  sourceConnectorId: 'tenable-vm',
  ticketConnectorId: 'jira',
  ruleName: 'High and critical vulnerabilities to Jira (demo)',
  policyName: 'Vulnerability SLA (demo)',
  /** Minutes to resolve per priority (1 highest). */
  targets: { '1': 240, '2': 1440, '3': 4320, '4': 10080 },
  filterCriteria: { severity_at_least: 4 },
} as const;
