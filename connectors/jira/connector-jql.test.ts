import { checkNames } from '@patchbay/conformance';
import { describeConformance } from '@patchbay/conformance/vitest';
import connector from './connector.ts';
import { startJiraSimulator } from './simulator/index.ts';

// The checks through POST /rest/api/3/search/jql and its nextPageToken, the search Jira Cloud serves today
// (search_api: jql, the default). Its contract is not checked: the description predates the endpoint
// (README "Contract"); connector.test.ts checks the legacy search under Prism.
describeConformance(connector, (options) => startJiraSimulator({ ...options, searchApi: 'jql' }), {
  title: 'conformance of jira through /rest/api/3/search/jql',
  only: checkNames.filter((name) => name !== 'contract'),
});
