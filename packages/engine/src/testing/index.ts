export { MemorySource, memoryConnector, mapMemoryItem, type MemoryItem } from './memory-source.ts';
