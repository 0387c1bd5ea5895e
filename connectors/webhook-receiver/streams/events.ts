import { defineStream, type StreamPage } from '@patchbay/sdk';
import { z } from 'zod';
import type { ReceiverConfig } from '../config.ts';
import { mapEvent } from '../mappers/event.ts';
import type { ReceivedEvent } from '../webhook/received-event.ts';

const checkpoint = z.object({});

/** Records arrive only through the webhook: there is nothing to pull, so a run yields no page. */
async function* nothingToPull(): AsyncGenerator<StreamPage<ReceivedEvent, z.output<typeof checkpoint>>> {
  yield* [];
}

export const events = defineStream<ReceivedEvent, typeof checkpoint, ReceiverConfig>({
  name: 'events',
  title: 'Received events',
  description: 'Every record posted to the inbound webhook, as an OCSF Base Event with the payload under unmapped.',
  ocsf: { class: 'base_event' },
  primaryKey: 'id',
  checkpoint,
  fullRefresh: false,
  permissions: [],
  fetch: nothingToPull,
  map: mapEvent,
});
