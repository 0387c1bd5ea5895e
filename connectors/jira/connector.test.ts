import { describeConformance } from '@patchbay/conformance/vitest';
import connector from './connector.ts';
import simulator from './simulator/index.ts';

// Every check on a site searched through POST /rest/api/3/search, the search in the contract description
// (the contract check syncs through Prism). Not applicable, with the suite's reasons: newest-first (Jira
// lists in the JQL's ORDER BY, which the stream sets to updated ascending) and page-token-expired (Jira
// documents no expiry of a search page); empty-page runs its empty-site half only (Jira documents no
// empty page in the middle of a search).
describeConformance(connector, simulator);
