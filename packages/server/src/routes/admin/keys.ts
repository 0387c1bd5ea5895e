import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, problem, standardErrors } from '../../schemas/common.ts';
import { kekJson, toKekJson } from '../../schemas/auth-config.ts';

const tags = ['admin'];
const withConflict = { ...standardErrors, 409: problem };

export const keyRoutes = [
  route({
    method: 'GET',
    url: '/api/admin/keys',
    access: 'admin',
    summary: 'The vault key-encryption keys: ids, states and how many data keys each wraps (never key material)',
    tags,
    schema: { response: { 200: pageOf(kekJson), ...standardErrors } },
    handler: async ({ engine }) => ({ items: (await engine.vault.keys.list()).map(toKekJson), next_cursor: null }),
  }),
  route({
    method: 'POST',
    url: '/api/admin/keys/rotate',
    access: 'admin',
    summary: 'Rotate the key-encryption key online: a new KEK, every data key re-wrapped; resumes an interrupted rotation',
    description: 'Hub-wide. With the keyring file a new key is created; with PATCHBAY_MASTER_KEY the new key must be configured first (old one in PATCHBAY_PREVIOUS_MASTER_KEYS). Old keys are retired once nothing references them unless `retire` is false.',
    tags,
    schema: {
      body: z.object({ retire: z.boolean().optional().describe('Retire and destroy old KEKs when done (default true)') }).optional(),
      response: { 200: z.object({ active_kek_id: z.string(), started: z.boolean(), rewrapped: z.number().int(), retired: z.array(z.string()) }), ...withConflict },
    },
    async handler({ engine, actor, body }) {
      const result = await engine.vault.keys.rotate(actor, { retire: body?.retire });
      return { active_kek_id: result.activeKekId, started: result.started, rewrapped: result.rewrapped, retired: [...result.retired] };
    },
  }),
  route({
    method: 'POST',
    url: '/api/admin/keys/:id/retire',
    access: 'admin',
    summary: 'Retire a key-encryption key that no longer wraps any data key (destroys it in the keyring file)',
    tags,
    schema: { params: z.object({ id: z.string().min(1) }), response: { 200: kekJson, ...withConflict } },
    async handler({ engine, actor, params }) {
      await engine.vault.keys.retire(actor, params.id);
      const kek = (await engine.vault.keys.list()).find((k) => k.id === params.id)!;
      return toKekJson(kek);
    },
  }),
];
