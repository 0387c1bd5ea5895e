import type { RecordKind } from '@patchbay/engine';
import { route, type AnyRoute } from '../../route-def.ts';
import { pageOf, standardErrors, uuidParam } from '../../schemas/common.ts';
import {
  annotateAssetBody,
  assetDetailJson,
  assetJson,
  assetQuery,
  identityQuery,
  recordDetailJson,
  recordJson,
  recordQuery,
  rejectedJson,
  rejectedQuery,
  toAssetJson,
  toRecordFilter,
  toRecordJson,
  toRejectedJson,
} from '../../schemas/record.ts';

const tags = ['records'];

const describe: Record<RecordKind, { list: string; one: string; classes: string }> = {
  assets: { list: 'List assets (device inventory)', one: 'Get an asset', classes: 'OCSF Device Inventory Info (5001). Each asset has a criticality and tags, set through PATCH or a mapping.' },
  vulnerabilities: { list: 'List vulnerability findings', one: 'Get a vulnerability finding', classes: 'OCSF Vulnerability Finding (2002).' },
  findings: { list: 'List security findings', one: 'Get a finding', classes: 'OCSF Detection (2004), Compliance (2003), Data Security (2006), Application Security Posture (2007), IAM Analysis (2008) and Security (2001) findings.' },
  incidents: { list: 'List incident findings', one: 'Get an incident', classes: 'OCSF Incident Finding (2005).' },
  identities: { list: 'List identities (users and groups)', one: 'Get an identity', classes: 'OCSF User Inventory Info (5003), User Query (5018) and Admin Group Query (5009). `user_uid` lists a user and their group memberships; `group_uid` a group and its members.' },
  records: { list: 'List records of any OCSF class', one: 'Get a record', classes: 'Every class (authentication, account change, API activity...): filter with class_uid.' },
};

const common = ' Deleted records (gone from a full-refresh source) are hidden unless include_deleted=true. Each record carries its provenance.';

function kindRoutes(kind: RecordKind): AnyRoute[] {
  const isAsset = kind === 'assets';
  const item = isAsset ? assetJson : recordJson;
  const detail = isAsset ? assetDetailJson : recordDetailJson;
  const toJson = isAsset ? toAssetJson : toRecordJson;
  const list = route({
    method: 'GET',
    url: `/api/${kind}`,
    access: 'read',
    summary: describe[kind].list,
    description: describe[kind].classes + common,
    tags,
    schema: { querystring: isAsset ? assetQuery : kind === 'identities' ? identityQuery : recordQuery, response: { 200: pageOf(item), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.records.list(actor, kind, toRecordFilter(query));
      return { items: page.items.map(toJson), next_cursor: page.nextCursor };
    },
  });
  const one = route({
    method: 'GET',
    url: `/api/${kind}/:id`,
    access: 'read',
    summary: describe[kind].one,
    description: `${describe[kind].classes} With the raw vendor payload when the instance keeps it.`,
    tags,
    schema: { params: uuidParam, response: { 200: detail, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toJson(await engine.records.get(actor, kind, params.id)),
  });
  return [list, one] as unknown as AnyRoute[];
}

export const recordRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/records/rejected',
    access: 'read',
    summary: 'List records rejected by mapping or OCSF validation',
    description: 'Every record a sync could not store, newest first, with the reason: nothing is dropped silently.',
    tags,
    schema: { querystring: rejectedQuery, response: { 200: pageOf(rejectedJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.records.listRejected(actor, { limit: query.limit, cursor: query.cursor, instanceId: query.instance_id, stream: query.stream, executionId: query.sync_execution_id, kind: query.kind });
      return { items: page.items.map(toRejectedJson), next_cursor: page.nextCursor };
    },
  }) as unknown as AnyRoute,
  ...(['assets', 'vulnerabilities', 'findings', 'incidents', 'identities', 'records'] as const).flatMap(kindRoutes),
  route({
    method: 'PATCH',
    url: '/api/assets/:id',
    access: 'write',
    summary: "Set an asset's criticality and tags",
    description: 'Stored beside the synced record, so re-syncs keep them; they win over values a mapping sets. Audited.',
    tags,
    schema: { params: uuidParam, body: annotateAssetBody, response: { 200: assetJson, ...standardErrors } },
    async handler({ engine, actor, params, body }) {
      return toAssetJson(await engine.records.annotate(actor, params.id, { criticality: body.criticality, tags: body.tags }));
    },
  }) as unknown as AnyRoute,
];
