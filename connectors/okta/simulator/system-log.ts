import type { Clock } from '@patchbay/types';
import type { OktaLogEvent } from '../mappers/okta-types.ts';
import { eventUuid } from './okta-ids.ts';

const MINUTE = 60_000;

/** The simulated org's System Log: events in the order Okta persisted them (published, then uuid). */
export class SystemLog {
  readonly events: OktaLogEvent[] = [];
  readonly #clock: Clock;
  #serial = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** A sign-in event (user.session.start) shaped like Okta's, at `at`. */
  signIn(at: number): OktaLogEvent {
    const n = ++this.#serial;
    const ok = n % 5 !== 0;
    return {
      uuid: eventUuid(n),
      published: new Date(at).toISOString(),
      eventType: 'user.session.start',
      version: '0',
      severity: 'INFO',
      legacyEventType: ok ? 'core.user_auth.login_success' : 'core.user_auth.login_failed',
      displayMessage: 'User login to Okta',
      actor: { id: `00usimactor${String(n % 7).padStart(9, '0')}`, type: 'User', alternateId: `user${n % 7}@example.com`, displayName: `User ${n % 7}` },
      client: {
        userAgent: { rawUserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36', os: 'Mac OS X', browser: 'CHROME' },
        zone: 'null',
        device: 'Computer',
        ipAddress: `198.51.100.${n % 250}`,
        geographicalContext: { city: 'Amsterdam', state: 'North Holland', country: 'Netherlands', postalCode: '1011', geolocation: { lat: 52.37, lon: 4.89 } },
      },
      outcome: ok ? { result: 'SUCCESS' } : { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' },
      target: [],
      transaction: { type: 'WEB', id: `simtx${n}`, detail: {} },
      debugContext: { debugData: { requestId: `simreq${n}`, requestUri: '/idp/idx/identify', threatSuspected: 'false' } },
      authenticationContext: { authenticationStep: 0, externalSessionId: `idxsim${n}` },
      securityContext: { asNumber: 64500, asOrg: 'example net', isp: 'example isp', domain: 'example.net', isProxy: false },
      request: { ipChain: [] },
    };
  }

  /**
   * Adds `count` sign-ins a minute apart before now. With `equalAtPage`, the events either side of each
   * page boundary share one published time.
   */
  seed(count: number, equalAtPage?: number): void {
    let at = this.#clock.now().getTime() - (count + 1) * MINUTE;
    for (let k = 0; k < count; k++) {
      if (k > 0 && !(equalAtPage !== undefined && k % equalAtPage === 0)) at += MINUTE;
      this.events.push(this.signIn(at));
    }
  }

  /** Appends an event stamped now (new sign-ins, or what an action did). */
  append(event: Omit<OktaLogEvent, 'uuid' | 'published'> & Partial<OktaLogEvent>): OktaLogEvent {
    const full = { ...event, uuid: eventUuid(++this.#serial), published: new Date(this.#clock.now().getTime()).toISOString() } as OktaLogEvent;
    this.events.push(full);
    return full;
  }

  create(count: number): void {
    for (let i = 0; i < count; i++) this.events.push(this.signIn(this.#clock.now().getTime()));
  }
}
