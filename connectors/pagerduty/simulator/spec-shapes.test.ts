import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock } from '@patchbay/conformance';
import { SpecShapes } from '../testing/spec-shape.ts';
import { SIMULATED_API_KEY, SPEC, startPagerDutySimulator, type PagerDutySimulator } from './index.ts';

const shapes = new SpecShapes(SPEC);
const ok = (path: string) => `#/paths/${path.replaceAll('/', '~1')}`;

describe("the simulator's answers against PagerDuty's REST description (what Prism leaves unchecked)", () => {
  let sim: PagerDutySimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  const get = async (path: string) => (await fetch(`${sim!.baseUrl}${path}`, { headers: { authorization: `Token token=${SIMULATED_API_KEY}` } })).json();

  it('the checker finds what is wrong: a bad status, a null priority, a number as a string, a missing required field', () => {
    const problems = shapes.check({ incident: { id: 'Q1', status: 'snoozed', priority: null, incident_number: '12', created_at: 'yesterday', assignments: [{ assignee: { id: 'P1', type: 'user_reference' } }] } }, `${ok('/incidents/{id}')}/get/responses/200/content/application~1json/schema`);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('"snoozed" is not one of'), expect.stringContaining('$.incident.priority: null'), expect.stringContaining('$.incident.incident_number: string'), expect.stringContaining('is not a date-time'), expect.stringContaining('at is required')]));
  });

  it('incidents in every state, listings, services, integrations, priorities and notes conform', async () => {
    sim = await startPagerDutySimulator({ pageSize: 5, clock: new AutoAdvanceClock('2026-05-01T00:00:00Z') });
    sim.seed('incidents', { count: 6 });
    const [first, second] = sim.account.sorted();
    await sim.setPriority(first!.id, 'P2');
    await sim.resolve(first!.id);
    await sim.reopen(first!.id);
    await sim.addNote(second!.id, 'checked');
    const answers: [unknown, string][] = [
      [await get('/incidents?date_range=all&limit=100'), `${ok('/incidents')}/get/responses/200/content/application~1json/schema`],
      [await get(`/incidents/${first!.id}`), `${ok('/incidents/{id}')}/get/responses/200/content/application~1json/schema`],
      [await get(`/incidents/${second!.id}/notes`), `${ok('/incidents/{id}/notes')}/get/responses/200/content/application~1json/schema`],
      [await get(`/services/${sim.serviceId}?include[]=integrations`), `${ok('/services/{id}')}/get/responses/200/content/application~1json/schema`],
      [await get(`/services/${sim.serviceId}`), `${ok('/services/{id}')}/get/responses/200/content/application~1json/schema`],
      [await get(`/services/${sim.serviceId}/integrations/${sim.integrationId}`), `${ok('/services/{id}/integrations/{integration_id}')}/get/responses/200/content/application~1json/schema`],
      [await get('/priorities'), `${ok('/priorities')}/get/responses/200/content/application~1json/schema`],
    ];
    expect((answers[0]![0] as { incidents: unknown[] }).incidents).toHaveLength(6);
    for (const [body, pointer] of answers) expect(shapes.check(body, pointer), pointer).toEqual([]);
  });
});
