import { describeConformance } from '@patchbay/conformance/vitest';
import connector from './connector.ts';
import simulator from './simulator/index.ts';

// Every check on an instance serving the three streams. The contract check sends the syncs through Prism
// with the Table API description (simulator/contract-spec.ts says what it adds to the vendor's export).
describeConformance(connector, simulator);
