export { createFakeLogger, type FakeLogger, type LogEntry, type LogLevel } from './fake-logger.ts';
export { startLocalServer, type LocalHandler, type LocalServer, type LocalServerTls, type RecordedRequest } from './local-server.ts';
export { waitFor } from './wait-for.ts';
export { recordTransport, type RecordOptions, type Recorder } from './record-transport.ts';
export { replayTransport, ReplayMismatchError, type ReplayOptions, type Replayer } from './replay-transport.ts';
export { Scrubber, type ScrubOptions } from './scrub.ts';
export {
  loadFixtures,
  saveFixtures,
  type FixtureBody,
  type FixtureExchange,
  type FixtureFile,
  type FixtureRequest,
  type FixtureResponse,
} from './fixture-format.ts';
