import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { addNote, noteRequest } from '../client/incidents.ts';
import type { PagerDutyConfig } from '../config.ts';

const input = z.object({
  incident_id: z.string().regex(/^[A-Z0-9]{6,20}$/, 'a PagerDuty incident id').describe('The PagerDuty incident id'),
  content: z.string().min(1).max(25_000).describe('The note (PagerDuty keeps at most 2000 notes per incident)'),
});
const output = z.object({ incident_id: z.string(), note_id: z.string(), created_at: z.string().optional() });

/** POST /incidents/{id}/notes as the from_email user (notes cannot be deleted: no reverse). */
export const addIncidentNote = defineAction<typeof input, typeof output, PagerDutyConfig>({
  name: 'add-incident-note',
  title: 'Add incident note',
  description: 'Adds a note to a PagerDuty incident (its timeline shows it), as the from_email user.',
  input,
  output,
  readOnly: false,
  impact: 'low',
  category: 'ticket',
  permissions: ['incidents.write'],
  run: async (ctx, args) => {
    const note = await addNote(ctx, args.incident_id, args.content);
    return { incident_id: args.incident_id, note_id: note.id, ...(note.created_at ? { created_at: note.created_at } : {}) };
  },
  plan: (ctx, args) => [noteRequest(ctx.config, args.incident_id, args.content)],
});
