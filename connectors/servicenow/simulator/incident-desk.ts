import { updateIncident, type SimUser } from './incident-rules.ts';
import type { InstanceStore, Row } from './instance-store.ts';
import { renderRow } from './render.ts';
import type { Directory } from './seed-data.ts';

const STATES = new Set(['1', '2', '3', '6', '7', '8']);

/**
 * An agent working incidents in the instance's UI, for tests that act as a person in ServiceNow: the
 * same business rules, policies and ACLs as the Table API (incident-rules.ts), the agent filling the
 * resolution fields the form makes mandatory.
 */
export class IncidentDesk {
  readonly #store: InstanceStore;
  readonly #agent: SimUser;

  constructor(store: InstanceStore, dir: Directory) {
    this.#store = store;
    this.#agent = { sysId: dir.users[0]!, userName: 'beth.anglin', roles: ['itil'] };
  }

  find(ref: string): Row | undefined {
    return this.#store.get('incident', ref) ?? this.#store.list('incident').find((row) => row.number === ref);
  }

  #need(ref: string): Row {
    const row = this.find(ref);
    if (!row) throw new Error(`The simulated instance has no incident ${ref}`);
    return row;
  }

  render(ref: string): Record<string, unknown> | undefined {
    const row = this.find(ref);
    return row && renderRow(this.#store, row, { displayValue: 'all', excludeReferenceLink: true, fields: undefined, origin: '' });
  }

  #write(row: Row, body: Record<string, string>, by?: string): Record<string, unknown> {
    const agent = by ? { ...this.#agent, userName: by } : this.#agent;
    const outcome = updateIncident(this.#store, row, body, agent, false);
    if (!outcome.ok) throw new Error(`ServiceNow refused the change to ${row.number}: ${JSON.stringify(outcome.answer.body)}`);
    return this.render(row.sys_id!)!;
  }

  setState(ref: string, state: string, options: { readonly closeCode?: string; readonly closeNotes?: string; readonly by?: string }): Record<string, unknown> {
    if (!STATES.has(state)) throw new Error(`${state} is not an incident state of a base instance (1, 2, 3, 6, 7, 8)`);
    const row = this.#need(ref);
    const closing = state === '6' || state === '7';
    const body: Record<string, string> = {
      state,
      ...(closing && (options.closeCode !== undefined || row.close_code === '') ? { close_code: options.closeCode ?? 'Solution provided' } : {}),
      ...(closing && (options.closeNotes !== undefined || row.close_notes === '') ? { close_notes: options.closeNotes ?? 'Fixed by the assignment group.' } : {}),
    };
    return this.#write(row, body, options.by);
  }

  comment(ref: string, text: string, field: 'comments' | 'work_notes'): Record<string, unknown> {
    return this.#write(this.#need(ref), { [field]: text });
  }
}
