/**
 * The catalogue's featured collections: hand-picked sets of connectors for a job a security team has to
 * do. This file is the catalogue's editorial part (the connectors themselves come from their declarations);
 * `GET /api/integration/collections` serves it, keeping only connectors the caller can see. A test checks
 * that every id named here is a built-in connector.
 */
export interface FeaturedCollection {
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  /** An emoji shown on the collection's card. */
  readonly icon: string;
  /** Connector ids, in the order the collection shows them. */
  readonly connectors: readonly string[];
}

export const featuredCollections: readonly FeaturedCollection[] = [
  {
    slug: 'endpoint-detection',
    title: 'Endpoint detection & response',
    description: 'Alerts, incidents and hosts from your EDR, with containment you can approve and reverse.',
    icon: '🛡️',
    connectors: ['crowdstrike-falcon', 'microsoft-defender'],
  },
  {
    slug: 'cloud-security',
    title: 'Cloud security posture',
    description: 'Findings and compliance controls from AWS, normalised to OCSF next to everything else.',
    icon: '☁️',
    connectors: ['aws-security-hub', 'aws-guardduty'],
  },
  {
    slug: 'exposure-management',
    title: 'Vulnerability & exposure',
    description: 'Vulnerabilities and the assets they sit on, from your scanner and your EDR.',
    icon: '🔍',
    connectors: ['tenable-vm', 'microsoft-defender', 'crowdstrike-falcon'],
  },
  {
    slug: 'identity',
    title: 'Identity & access',
    description: 'Users, groups and sign-in events; suspend an account or end its sessions in one step.',
    icon: '🪪',
    connectors: ['okta'],
  },
  {
    slug: 'siem-forwarding',
    title: 'Forward to your SIEM',
    description: 'Send every normalised event on to the SIEM your analysts already live in.',
    icon: '📊',
    connectors: ['splunk', 'microsoft-sentinel', 'syslog'],
  },
  {
    slug: 'ticketing',
    title: 'Tickets & on-call',
    description: 'Open tickets from findings automatically, keep their status in sync both ways, and track SLAs.',
    icon: '🎫',
    connectors: ['jira', 'servicenow', 'pagerduty'],
  },
  {
    slug: 'bring-your-own',
    title: 'Any API, any webhook',
    description: 'For the tool nobody has built a connector for yet: pull any JSON API, or receive signed webhooks.',
    icon: '🔌',
    connectors: ['http-json', 'webhook-receiver'],
  },
];
