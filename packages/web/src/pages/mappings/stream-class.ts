import type { Capabilities } from '../../api/types.ts';
import type { OcsfClassSummary } from './mapping-types.ts';

export type StreamInfo = Capabilities['streams'][number];

/** The OCSF class uid a stream declares: by uid, or by name through the class list; undefined when unknown. */
export function streamClassUid(stream: StreamInfo | undefined, classes: readonly OcsfClassSummary[]): number | undefined {
  if (!stream) return undefined;
  if (stream.ocsf_class_uid !== null) return stream.ocsf_class_uid;
  return classes.find((c) => c.name === stream.ocsf_class)?.uid;
}
