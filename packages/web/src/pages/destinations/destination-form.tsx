import { api, unwrap } from '../../api/client.ts';
import type { Destination, DestinationFormat, DestinationInput, EventType, Instance } from '../../api/types.ts';
import { FormFooter, useDraftForm } from '../../components/draft-form.tsx';
import { EventSourceField, EventTypeField } from '../../components/event-fields.tsx';
import { FilterBuilder } from '../../components/filter-builder.tsx';
import { FilterDraftError } from '../../components/filter-criteria.ts';
import { InstanceOptions } from '../../components/instance-options.tsx';
import { useLoad } from '../../components/use-load.ts';
import { fromDestination, NEW_DESTINATION, toDestinationInput, toDestinationUpdate, type DestinationDraft } from './destination-draft.ts';

const FORMAT_NAMES: Record<DestinationFormat, string> = { 'ocsf-json': 'OCSF JSON', 'splunk-hec': 'Splunk HEC event', cef: 'CEF', leef: 'LEEF 2.0', rfc5424: 'Syslog RFC 5424', jsonata: 'JSONata template' };

/**
 * Creates or edits a SIEM destination: the integration it sends through (instances of connectors with the
 * destination capability), a format that connector takes, which events (type, source, the filter builder)
 * and the format's options.
 */
export function DestinationForm({ destination, senders, instances, types, onSaved, onCancel }: { destination: Destination | null; senders: readonly Instance[]; instances: readonly Instance[]; types: readonly EventType[]; onSaved: () => void; onCancel: () => void }) {
  const save = (body: DestinationInput) =>
    destination ? unwrap(api.PUT('/api/integration/destinations/{id}', { params: { path: { id: destination.id } }, body: toDestinationUpdate(body) })) : unwrap(api.POST('/api/integration/destinations', { body }));
  const form = useDraftForm(destination ? () => fromDestination(destination) : NEW_DESTINATION, toDestinationInput, save, onSaved);
  const { draft, set, invalid } = form;
  const connectorId = instances.find((i) => i.id === draft.instanceId)?.connector_id;
  const capabilities = useLoad(() => (connectorId ? unwrap(api.GET('/api/integration/connectors/{id}/capabilities', { params: { path: { id: connectorId } } })) : Promise.resolve(null)), [connectorId]);
  const formats = (capabilities.data?.destination?.formats ?? []) as DestinationFormat[];
  // A stored format stays shown while the connector's formats load (or if the connector no longer lists it).
  const shown = draft.format && !formats.includes(draft.format) ? [...formats, draft.format] : formats;
  const title = destination ? `Edit ${destination.name}` : 'New SIEM destination';
  return (
    <form className="card destination-form" onSubmit={form.submit} aria-label={destination ? `Edit destination ${destination.name}` : 'New SIEM destination'}>
      <h2>{title}</h2>
      <div className="filters">
        <div className="field grow">
          <label htmlFor="dest-name">Name</label>
          <input id="dest-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} maxLength={200} placeholder="SOC syslog" aria-invalid={invalid?.field === 'name'} />
        </div>
        <div className="field">
          <label htmlFor="dest-instance">Send through</label>
          <select id="dest-instance" value={draft.instanceId} onChange={(e) => set({ instanceId: e.target.value, format: '' })} disabled={destination !== null} aria-invalid={invalid?.field === 'instance'} aria-describedby="dest-instance-hint">
            <option value="">Choose…</option>
            <InstanceOptions instances={destination ? instances.filter((i) => i.id === destination.instance_id) : senders} />
          </select>
          <p className="hint" id="dest-instance-hint">
            {senders.length === 0 && !destination ? 'No integration can send yet: install a syslog, Splunk or Microsoft Sentinel connector first.' : 'An integration whose connector sends to a SIEM.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor="dest-format">Format</label>
          <select id="dest-format" value={draft.format} onChange={(e) => set({ format: e.target.value as DestinationDraft['format'] })} aria-invalid={invalid?.field === 'format'}>
            <option value="">{draft.instanceId ? 'Choose…' : 'Choose the integration first'}</option>
            {shown.map((f) => (
              <option key={f} value={f}>
                {FORMAT_NAMES[f] ?? f}
              </option>
            ))}
          </select>
        </div>
      </div>
      {draft.format === 'jsonata' && (
        <div className="field">
          <label htmlFor="dest-template">Template (JSONata)</label>
          <textarea id="dest-template" rows={3} className="mono" value={draft.template} onChange={(e) => set({ template: e.target.value })} placeholder='{ "uid": record.finding_info.uid, "severity": record.severity_id }' aria-invalid={invalid?.field === 'template'} />
        </div>
      )}
      {draft.format === 'splunk-hec' && (
        <div className="filters">
          <div className="field">
            <label htmlFor="dest-index">Index (optional)</label>
            <input id="dest-index" value={draft.index} onChange={(e) => set({ index: e.target.value })} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="dest-sourcetype">Sourcetype (optional)</label>
            <input id="dest-sourcetype" value={draft.sourcetype} onChange={(e) => set({ sourcetype: e.target.value })} maxLength={200} />
          </div>
        </div>
      )}
      <div className="filters">
        <EventTypeField id="dest-event-type" value={draft.eventType} types={types} onChange={(eventType) => set({ eventType })} />
        <EventSourceField id="dest-source" value={draft.sourceInstanceId} instances={instances} onChange={(sourceInstanceId) => set({ sourceInstanceId })} />
      </div>
      <FilterBuilder id="dest-filter" value={draft.filter} onChange={(filter) => set({ filter })} error={invalid instanceof FilterDraftError ? invalid : null} />
      <label className="checkbox">
        <input type="checkbox" checked={draft.isActive} onChange={(e) => set({ isActive: e.target.checked })} /> Active
      </label>
      {!destination && <p className="hint">A new destination starts with the events that happen from now on; Replay sends older ones.</p>}
      <FormFooter form={form} errorTitle={destination ? 'The destination was not saved' : 'The destination was not created'} submitLabel={destination ? 'Save destination' : 'Create destination'} onCancel={onCancel} />
    </form>
  );
}
