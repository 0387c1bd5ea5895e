import { getClass } from '@patchbay/ocsf';
import type { AnyConnector, AnyStream } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** The stream of a connector, or NOT_FOUND naming the streams there are. */
export function requireStream(connector: AnyConnector, name: string): AnyStream {
  const streams = connector.streams ?? [];
  const stream = streams.find((s) => s.name === name);
  if (!stream) {
    throw new PatchbayError('NOT_FOUND', { field: 'stream', message: `Connector ${connector.id} has no stream ${name}`, hint: `Streams: ${streams.map((s) => s.name).join(', ') || 'none'}.` });
  }
  return stream;
}

/** The OCSF class uid a stream declares (by uid or by name); undefined when it names neither. */
export function streamClassUid(stream: AnyStream): number | undefined {
  if (stream.ocsf.classUid !== undefined) return stream.ocsf.classUid;
  return stream.ocsf.class ? getClass(stream.ocsf.class)?.uid : undefined;
}
