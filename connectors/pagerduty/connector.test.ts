import { beforeAll } from 'vitest';
import { describeConformance } from '@patchbay/conformance/vitest';
import connector from './connector.ts';
import simulator, { SPEC } from './simulator/index.ts';
import { warmPrism } from './testing/test-bed.ts';

// Prism takes ~10 s to load PagerDuty's 2.7 MB REST description on this machine: start it once before the
// checks (the suite shares one Prism per spec), so the contract check does not spend its budget on it.
beforeAll(() => warmPrism(SPEC), 240_000);

// Every check applies or says why not: unauthorized-refresh (an API key cannot be refreshed),
// page-token-expired (offset paging has no token), newest-first (GET /incidents is read oldest first)
// and the empty page mid-listing (PagerDuty documents none) are not applicable.
describeConformance(connector, simulator);
