export { incrementalByDatetime, type DatetimeIncrementalOptions, type DatetimePage } from './incremental-by-datetime.ts';
export { DatetimeCursor, datetimeCursorStateSchema, type DatetimeCursorOptions, type DatetimeCursorState } from './datetime-cursor.ts';
export { timeWindows, type TimeWindow } from './time-windows.ts';
export { incrementalById, type IdIncrementalOptions, type IdPage } from './incremental-by-id.ts';
export { compareIds, idCursorStateSchema, type IdComparison, type IdCursorState } from './id-cursor.ts';
export { runExportJob, type ExportChunkPage, type ExportJobOptions } from './export-job.ts';
export { chunkIdSchema, exportJobStateSchema, type ChunkId, type ExportBackoff, type ExportJobState, type ExportJobStatus } from './export-job-state.ts';
export type { QueryBatch } from './query-pages.ts';
export { toEpochMs, type TimestampValue } from './timestamp.ts';
