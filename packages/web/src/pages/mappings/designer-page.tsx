import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { Instance, Mapping } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { useLoad } from '../../components/use-load.ts';
import { newRow, parseSample, rowProblems, rowsOf, toFieldMappings, type FieldRow } from './draft-rows.ts';
import { FieldRows, type RowView } from './field-rows.tsx';
import { placeIssues } from './issue-placement.ts';
import type { OcsfAttribute, OcsfClassDetail, PreviewInput } from './mapping-types.ts';
import { MappingSave } from './mapping-save.tsx';
import { ocsfClass, ocsfClasses, ocsfObject } from './ocsf-cache.ts';
import { PreviewPanel } from './preview-panel.tsx';
import { SamplePanel } from './sample-panel.tsx';
import { SchemaExplorer } from './schema-explorer.tsx';
import { streamClassUid, type StreamInfo } from './stream-class.ts';
import { suggestTargets } from './target-suggestions.ts';
import { usePreview } from './use-preview.ts';
import './mapping-designer.css';

/** OCSF classes whose records are assets: only they take `patchbay.criticality` and `patchbay.tags`. */
const ASSET_CLASSES = [5001];

interface Context {
  readonly mapping: Mapping | null;
  readonly instance: Instance;
  readonly stream: StreamInfo;
  readonly cls: OcsfClassDetail | null;
  /** On a new mapping: the stream's mappings that exist already. */
  readonly existing: readonly Mapping[];
}

async function loadContext(id: string | undefined, instanceParam: string | null, streamParam: string | null): Promise<Context> {
  const mapping = id ? await unwrap(api.GET('/api/integration/mappings/{id}', { params: { path: { id } } })) : null;
  const instanceId = mapping?.instance_id ?? instanceParam;
  const streamName = mapping?.stream ?? streamParam;
  if (!instanceId || !streamName) throw new Error('Choose an integration and a stream first: start from the data mappings list.');
  const instance = await unwrap(api.GET('/api/integration/instances/{id}', { params: { path: { id: instanceId } } }));
  const [capabilities, classes] = await Promise.all([unwrap(api.GET('/api/integration/connectors/{id}/capabilities', { params: { path: { id: instance.connector_id } } })), ocsfClasses()]);
  const stream = capabilities.streams.find((s) => s.name === streamName);
  if (!stream) throw new Error(`${instance.name} has no stream ${streamName} (it has ${capabilities.streams.map((s) => s.name).join(', ') || 'none'}).`);
  const uid = streamClassUid(stream, classes.items);
  const cls = uid === undefined ? null : await ocsfClass(uid);
  const existing = mapping ? [] : (await unwrap(api.GET('/api/integration/mappings', { params: { query: { instance_id: instance.id, stream: stream.name, limit: 50 } } }))).items;
  return { mapping, instance, stream, cls, existing };
}

/** `/mappings/new?instance=ID&stream=NAME` and `/mappings/:id`: the data mapping designer. */
export default function DesignerPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const context = useLoad(() => loadContext(id, search.get('instance'), search.get('stream')), [id, search.get('instance'), search.get('stream')]);
  return (
    <section className="mapping-designer">
      <p className="small">
        <Link to="/mappings">← Data mappings</Link>
      </p>
      {context.loading && !context.data && <Loading what="the mapping" />}
      <ErrorBox error={context.error} title="The designer could not open" />
      {context.data && <Designer key={context.data.mapping?.id ?? 'new'} {...context.data} />}
    </section>
  );
}

function Designer({ mapping, instance, stream, cls, existing }: Context) {
  const canWrite = useCanWrite();
  const navigate = useNavigate();
  const [saved, setSaved] = useState<Mapping | null>(mapping);
  const [rows, setRows] = useState<FieldRow[]>(() => rowsOf(mapping?.field_mappings ?? {}));
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const [sampleText, setSampleText] = useState('');
  const [objects, setObjects] = useState<Record<string, readonly OcsfAttribute[]>>({});
  const transformations = (saved?.transformations ?? []) as PreviewInput['transformations'];

  const sample = parseSample(sampleText);
  const fieldMappings = toFieldMappings(rows);
  const input: PreviewInput | null = sample.ok ? { instance_id: instance.id, stream: stream.name, field_mappings: fieldMappings, transformations, samples: [sample.value] } : null;
  const { preview, error, running } = usePreview(input);
  const result = preview?.samples[0];

  const targets = rows.map((r) => r.target);
  const errors = placeIssues(targets, [...(preview?.errors ?? []), ...(result?.errors ?? [])]);
  const warnings = placeIssues(targets, [...(preview?.warnings ?? []), ...(result?.warnings ?? [])]);
  const problems = rowProblems(rows);
  const source = useMemo(() => ({ root: cls?.attributes ?? [], objects, annotations: cls ? ASSET_CLASSES.includes(cls.class.uid) : false }), [cls, objects]);
  const suggestions = rows.map((r) => suggestTargets(r.target, source));
  const needed = [...new Set(suggestions.flatMap((s) => (s.needs && !objects[s.needs] ? [s.needs] : [])))].join(',');

  useEffect(() => {
    for (const name of needed ? needed.split(',') : []) {
      ocsfObject(name).then(
        (o) => setObjects((all) => ({ ...all, [name]: o.attributes })),
        () => undefined, // no suggestions for that object; the preview still names a wrong target
      );
    }
  }, [needed]);

  const views: RowView[] = rows.map((row, i) => ({ row, suggestions: suggestions[i]!.paths, problem: problems.get(i), errors: errors.byRow.get(i) ?? [], warnings: warnings.byRow.get(i) ?? [] }));
  const change = (key: number, patch: Partial<FieldRow>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = (target = '') => {
    const row = newRow(target);
    setRows((all) => [...all, row]);
    setFocusKey(row.key);
  };
  const active = existing.find((m) => m.active);

  return (
    <>
      <h1>{saved ? saved.name : 'New data mapping'}</h1>
      <p>
        <strong>{instance.name}</strong> <span className="muted">({instance.connector_id})</span> · stream <code>{stream.name}</code> · OCSF <strong>{cls ? `${cls.caption} (${cls.class.uid})` : (stream.ocsf_class ?? 'unknown class')}</strong>
        {saved && (
          <>
            {' '}
            · version {saved.version} · <span className={`badge ${saved.active ? 'tone-good' : 'tone-off'}`}>{saved.active ? 'active' : 'inactive'}</span>
          </>
        )}
      </p>
      {!saved && active && (
        <p className="notice" role="status">
          This stream already has an active mapping, <Link to={`/mappings/${active.id}`}>{active.name}</Link> (version {active.version}). Edit it there, or save this one inactive.
        </p>
      )}
      {!canWrite && <p className="notice small">You can try samples here; changing the mapping needs an admin or editor.</p>}
      <div className="designer-columns">
        <SamplePanel instanceId={instance.id} stream={stream.name} text={sampleText} problem={sampleText && !sample.ok ? sample.message : undefined} onText={setSampleText} />
        <FieldRows views={views} canWrite={canWrite} focusKey={focusKey} onChange={change} onRemove={(key) => setRows((all) => all.filter((r) => r.key !== key))} onAdd={() => add()} />
        {cls ? <SchemaExplorer cls={cls} canWrite={canWrite} onAdd={add} /> : <p className="card muted">The stream declares no OCSF class this hub knows: no schema to explore.</p>}
      </div>
      {(saved?.transformations.length ?? 0) > 0 && (
        <p className="small muted">
          This mapping also has {saved!.transformations.length} transformation(s), applied after the fields (kept as they are; the API edits them).
        </p>
      )}
      <PreviewPanel sample={result} draftErrors={errors.unplaced.filter((e) => e.field !== null && !e.field.startsWith('field_mappings.'))} unplaced={errors.unplaced.filter((e) => e.field === null || e.field.startsWith('field_mappings.'))} running={running} error={error} />
      <MappingSave
        saved={saved}
        canWrite={canWrite}
        defaultName={`${instance.name}: ${stream.name}`}
        defaultActive={!active}
        fieldMappings={fieldMappings}
        blocked={problems.size > 0 ? 'Complete or remove the rows marked above before saving.' : undefined}
        onSave={async (name, isActive) => {
          const body = { name, field_mappings: fieldMappings, transformations, active: isActive };
          if (saved) setSaved(await unwrap(api.PUT('/api/integration/mappings/{id}', { params: { path: { id: saved.id } }, body })));
          else {
            const created = await unwrap(api.POST('/api/integration/mappings', { body: { ...body, instance_id: instance.id, stream: stream.name } }));
            navigate(`/mappings/${created.id}`, { replace: true });
          }
        }}
      />
    </>
  );
}
