export { MemorySource, memoryConnector, mapMemoryItem, type MemoryItem } from './memory-source.ts';
export { jsonFeedSimulator, type JsonFeedAlert, type JsonFeedSimulator, type JsonFeedSimulatorOptions } from '../process/fixtures/json-feed-simulator.ts';
export { pythonExample, pythonExampleConnector } from '../process/fixtures/python-example.ts';
export { RsyslogReceiver, hasRsyslog, hasRsyslogTls, RSYSLOGD, type Received } from './rsyslog.ts';
// The splunk connector's simulated HTTP Event Collector, for the server's end-to-end destination tests.
export { DEFAULT_HEC_TOKEN, startHecReceiver, type HecReceiver, type HecRequest, type HecToken, type ReceivedEvent } from '@patchbay/connector-splunk/hec-receiver';
