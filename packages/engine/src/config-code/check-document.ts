import type { z } from 'zod';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { configDocument, type ConfigDocument } from './config-document.ts';
import type { DocumentIssue } from './config-section.ts';
import type { ConfigState } from './read-config.ts';
import { configSections } from './sections.ts';

export type { DocumentIssue } from './config-section.ts';

const pathOf = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || 'document';

function schemaIssues(error: z.ZodError): DocumentIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ field: pathOf([...issue.path, k]), message: 'unknown key' }));
    return [{ field: pathOf(issue.path), message: issue.message }];
  });
}

/** Parses the document and checks every reference (credentials, connectors, instances, endpoints, actions); returns all problems. */
export function checkDocument(raw: unknown, current: ConfigState, registry: ConnectorRegistry, knownConnectors: ReadonlySet<string>): { document?: ConfigDocument; issues: DocumentIssue[] } {
  const parsed = configDocument.safeParse(raw ?? {});
  if (!parsed.success) return { issues: schemaIssues(parsed.error) };
  const doc = parsed.data;
  const issues: DocumentIssue[] = [];
  const duplicate = <T>(list: readonly T[], key: (t: T) => string, field: string) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) issues.push({ field: `${field}[${i}]`, message: `${k} appears twice` });
      seen.add(k);
    });
  };
  duplicate(doc.instances, (i) => i.name, 'instances');
  duplicate(doc.mappings, (m) => `${m.instance}/${m.name}`, 'mappings');
  duplicate(doc.webhook_endpoints, (e) => e.url, 'webhook_endpoints');
  duplicate(doc.subscriptions.filter((s) => s.name), (s) => s.name, 'subscriptions');
  duplicate(doc.credentials, (c) => c.name, 'credentials');

  doc.credentials.forEach((c, i) => {
    const found = current.credentialIds.get(c.name);
    if (!found) issues.push({ field: `credentials[${i}].name`, message: `no credential named ${c.name} in this hub: create it (POST /api/integration/auth-configs) before importing` });
    else if (found.authType !== c.auth_type) issues.push({ field: `credentials[${i}].auth_type`, message: `credential ${c.name} is ${found.authType}, not ${c.auth_type}` });
  });
  const instanceNames = new Set([...doc.instances.map((i) => i.name), ...current.instanceIds.keys()]);
  const connectorOf = new Map([...current.document.instances.map((i) => [i.name, i.connector] as const), ...doc.instances.map((i) => [i.name, i.connector] as const)]);
  doc.instances.forEach((inst, i) => {
    if (!knownConnectors.has(inst.connector)) issues.push({ field: `instances[${i}].connector`, message: `no connector ${inst.connector} in this hub` });
    const existing = current.document.instances.find((e) => e.name === inst.name);
    if (existing && existing.connector !== inst.connector) issues.push({ field: `instances[${i}].connector`, message: `instance ${inst.name} already runs ${existing.connector}; a connector cannot change` });
    if (inst.credential !== null) {
      if (!doc.credentials.some((c) => c.name === inst.credential)) issues.push({ field: `instances[${i}].credential`, message: `credential ${inst.credential} is not listed under credentials` });
      if (!current.credentialIds.has(inst.credential)) issues.push({ field: `instances[${i}].credential`, message: `no credential named ${inst.credential} in this hub` });
    }
    const declared = registry.get(inst.connector)?.actions?.map((a) => a.name);
    inst.action_limits.forEach((l, j) => {
      if (declared && !declared.includes(l.action)) issues.push({ field: `instances[${i}].action_limits[${j}].action`, message: `connector ${inst.connector} declares no action ${l.action}` });
    });
  });
  doc.mappings.forEach((m, i) => {
    if (!instanceNames.has(m.instance)) issues.push({ field: `mappings[${i}].instance`, message: `no instance named ${m.instance}` });
  });
  const endpointUrls = new Set([...doc.webhook_endpoints.map((e) => e.url), ...current.endpointIds.keys()]);
  doc.subscriptions.forEach((s, i) => {
    if (s.instance !== null && !instanceNames.has(s.instance)) issues.push({ field: `subscriptions[${i}].instance`, message: `no instance named ${s.instance}` });
    const a = s.action;
    if (s.action_type === 'webhook' && (!a.endpoint || !endpointUrls.has(a.endpoint))) issues.push({ field: `subscriptions[${i}].action.endpoint`, message: `no webhook endpoint ${a.endpoint ?? '(missing)'}` });
    if (s.action_type !== 'webhook' && (!a.instance || !instanceNames.has(a.instance))) issues.push({ field: `subscriptions[${i}].action.instance`, message: `no instance named ${a.instance ?? '(missing)'}` });
    if (s.action_type === 'action' && a.instance) {
      const actions = registry.get(connectorOf.get(a.instance) ?? '')?.actions?.map((x) => x.name) ?? [];
      if (!a.action || !actions.includes(a.action)) issues.push({ field: `subscriptions[${i}].action.action`, message: `instance ${a.instance} has no action ${a.action ?? '(missing)'}` });
    }
  });
  const lists = doc as unknown as Record<string, unknown[]>;
  const currentLists = current.document as unknown as Record<string, unknown[]>;
  for (const section of configSections) issues.push(...section.check(lists[section.key] ?? [], { instanceNames, connectorOf, registry, current: currentLists[section.key] ?? [] }));
  return { document: doc, issues };
}
