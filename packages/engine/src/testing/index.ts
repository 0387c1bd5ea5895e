export { MemorySource, memoryConnector, mapMemoryItem, type MemoryItem } from './memory-source.ts';
export { jsonFeedSimulator, type JsonFeedAlert, type JsonFeedSimulator, type JsonFeedSimulatorOptions } from '../process/fixtures/json-feed-simulator.ts';
export { pythonExample, pythonExampleConnector } from '../process/fixtures/python-example.ts';
export { RsyslogReceiver, hasRsyslog, hasRsyslogTls, RSYSLOGD, type Received } from './rsyslog.ts';
