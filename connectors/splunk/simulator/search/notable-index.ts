import type { Clock } from '@patchbay/types';
import type { NotableEvent } from '../../mappers/notable-event.types.ts';

const MINUTE = 60_000;

/** Correlation searches the simulated ES runs, each with its rule, domain, severity and evidence shape. */
const RULES = [
  { search: 'Endpoint - High Or Critical Priority Host With Malware - Rule', rule: 'Malware Detected On Host', domain: 'endpoint', severity: 'high', evidence: (n: number) => ({ dest: `wks-${String(n).padStart(4, '0')}`, user: `user${n % 7}`, signature: 'trojan.agent', 'annotations.mitre_attack': ['T1204.002'] }) },
  { search: 'Access - Excessive Failed Logins - Rule', rule: 'Excessive Failed Logins', domain: 'access', severity: 'medium', evidence: (n: number) => ({ src: `203.0.113.${n % 250}`, dest: `10.1.${n % 200}.${n % 250}`, user: 'admin', count: String(20 + n) }) },
  { search: 'Threat - Threat List Activity - Rule', rule: 'Threat Activity Detected', domain: 'threat', severity: 'low', evidence: (n: number) => ({ src: `10.9.${n % 200}.7`, dest: `bad-${n}.example.net`, threat_collection: 'ip_intel' }) },
  { search: 'Audit - Windows Event Log Cleared - Rule', rule: 'Audit Log Cleared', domain: 'audit', severity: 'informational', evidence: (n: number) => ({ src_user: `svc_${n % 5}`, dest: `dc-0${n % 3}` }) },
] as const;
const URGENCIES = ['critical', 'medium', 'low', 'informational', 'high'] as const;
/** ES's default statuses (status, label) and who holds them. */
const STATUSES = [['1', 'New', 'unassigned'], ['2', 'In Progress', 'analyst1'], ['3', 'Pending', 'analyst2'], ['5', 'Closed', 'analyst1']] as const;

/** The `_time` Splunk's JSON output carries: ISO 8601 with milliseconds and the user's zone (UTC here). */
export const splunkTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/** Notable number `n`, raised at `at` (epoch ms), as the `notable` macro returns it. */
export function makeNotable(n: number, at: number): NotableEvent {
  const rule = RULES[n % RULES.length]!;
  const [status, label, owner] = STATUSES[n % STATUSES.length]!;
  const hash = n.toString(16).padStart(32, '0');
  const sid = `scheduler__admin__SplunkEnterpriseSecuritySuite__RMD5${n.toString(16).padStart(16, '0')}_at_${Math.floor(at / 1000)}_${n}`;
  const eventId = `${sid}@@notable@@${hash}`;
  return {
    _time: splunkTime(at),
    event_id: eventId,
    rule_id: eventId,
    rule_name: rule.rule,
    rule_title: `${rule.rule} (#${n})`,
    rule_description: `${rule.rule}: raised by ${rule.search}.`,
    search_name: rule.search,
    security_domain: rule.domain,
    severity: rule.severity,
    urgency: URGENCIES[n % URGENCIES.length]!,
    status,
    status_label: label,
    owner,
    ...rule.evidence(n),
    orig_sid: sid,
    info_search_time: (at / 1000).toFixed(3),
    index: 'notable',
    source: rule.search,
    sourcetype: 'stash',
    host: 'es-sh-01',
    splunk_server: 'idx-01',
  };
}

/**
 * The `notable` index of the simulated Enterprise Security: notables seeded in the past a minute apart,
 * listed newest first by `_time` (Splunk's order for events; ties by event_id, descending).
 */
export class NotableIndex {
  readonly #clock: Clock;
  readonly #notables: NotableEvent[] = [];
  #serial = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Adds `count` notables ending a minute before now; with `equalEvery`, every such boundary shares a time. */
  seed(count: number, equalEvery?: number): void {
    let at = this.#clock.now().getTime() - (count + 1) * MINUTE;
    for (let k = 0; k < count; k++) {
      if (k > 0 && !(equalEvery !== undefined && k % equalEvery === 0)) at += MINUTE;
      this.#notables.push(makeNotable(++this.#serial, at));
    }
  }

  all(): readonly NotableEvent[] {
    return this.#notables;
  }

  /** Notables with `earliest <= _time < latest` (epoch ms), newest first. */
  search(earliest: number, latest: number): NotableEvent[] {
    return this.#notables
      .filter((n) => {
        const at = Date.parse(n._time);
        return at >= earliest && at < latest;
      })
      .sort((a, b) => Date.parse(b._time) - Date.parse(a._time) || (a.event_id < b.event_id ? 1 : a.event_id > b.event_id ? -1 : 0));
  }
}
