// The process protocol's Python SDK example must pass the same conformance suite as a TypeScript
// connector: it runs as a real python3 program through the engine's process runner.
import { jsonFeedSimulator, pythonExampleConnector } from '@patchbay/engine/testing';
import { describeConformance } from './describe-conformance.ts';

describeConformance(await pythonExampleConnector(), (options) => jsonFeedSimulator(options), {
  title: 'conformance of the Python SDK example (json-feed)',
});
