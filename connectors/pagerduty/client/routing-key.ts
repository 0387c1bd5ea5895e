import type { ConnectorContext } from '@patchbay/sdk';
import { PatchbayError, Secret } from '@patchbay/types';
import type { PagerDutyConfig } from '../config.ts';
import { rest } from './rest.ts';

type Ctx = ConnectorContext<PagerDutyConfig>;

/** The integration type whose key routes Events API v2 events to a service. */
export const EVENTS_V2_INTEGRATION = 'events_api_v2_inbound_integration';

interface Integration {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  readonly summary?: string;
  /** The Events API routing key (PagerDuty's own clients read it here: go-pagerduty's Integration.IntegrationKey). */
  readonly integration_key?: string;
}

/** The service tickets open on; tickets cannot work without one. */
export function serviceOf(config: PagerDutyConfig): string {
  if (!config.service_id) {
    throw new PatchbayError('CONFIG_INVALID', {
      field: 'service_id',
      message: 'Opening and moving PagerDuty incidents needs the service they belong to, and the instance sets no service_id',
      hint: 'Set service_id to the id of the PagerDuty service (PagerDuty → Services → the service: the id is in its URL) that has an Events API V2 integration.',
    });
  }
  return config.service_id;
}

const notEventsV2 = (service: string, found: string) =>
  new PatchbayError('CONFIG_INVALID', {
    field: 'integration_id',
    message: `Integration ${found} of service ${service} is not an Events API v2 integration`,
    hint: `Name an integration of type "Events API V2" (${EVENTS_V2_INTEGRATION}), or leave integration_id out.`,
  });

/**
 * GET /services/{id}/integrations/{integration_id} (operation getServiceIntegration of PagerDuty's REST
 * API description): one integration, with its key.
 */
async function readIntegration(ctx: Ctx, service: string, id: string): Promise<Integration> {
  const path = `/services/${encodeURIComponent(service)}/integrations/${encodeURIComponent(id)}`;
  return (await rest<{ integration: Integration }>(ctx, { method: 'GET', url: path, operation: 'get-integration' }, `integration ${id} of service ${service}`)).body.integration;
}

/**
 * GET /services/{id}?include[]=integrations (operation getService): the service's Events API v2
 * integration, which must be the only one unless integration_id picks it. The REST description lists a
 * service's integrations as references (`events_api_v2_inbound_integration_reference`); when PagerDuty
 * expands them with their key, the key is used as it is, else the integration is read.
 */
async function findIntegration(ctx: Ctx, service: string): Promise<Integration> {
  const response = await rest<{ service: { integrations?: Integration[] } }>(ctx, { method: 'GET', url: `/services/${encodeURIComponent(service)}`, query: { 'include[]': ['integrations'] }, operation: 'get-service' }, `service ${service}`);
  const candidates = (response.body.service.integrations ?? []).filter((i) => i.type === EVENTS_V2_INTEGRATION || i.type === `${EVENTS_V2_INTEGRATION}_reference`);
  if (candidates.length === 0) {
    throw new PatchbayError('CONFIG_INVALID', {
      field: 'service_id',
      message: `PagerDuty service ${service} has no Events API v2 integration to send trigger events to`,
      hint: 'Add one (the service → Integrations → Add an integration → Events API V2), or point service_id at a service that has one.',
    });
  }
  if (candidates.length > 1) {
    throw new PatchbayError('CONFIG_INVALID', {
      field: 'integration_id',
      message: `PagerDuty service ${service} has ${candidates.length} Events API v2 integrations: ${candidates.map((c) => `${c.id} (${c.name ?? c.summary ?? 'unnamed'})`).join(', ')}`,
      hint: 'Set integration_id to the one Patchbay should send events through.',
    });
  }
  return candidates[0]!;
}

/**
 * The routing key of the configured service's Events API v2 integration, read from the REST API each
 * time an event is sent (a connector keeps no state between calls). It never leaves this module but in
 * the event body, and is wrapped in a Secret so that no log or error can show it.
 */
export async function routingKeyOf(ctx: Ctx): Promise<Secret> {
  const service = serviceOf(ctx.config);
  let integration = ctx.config.integration_id ? await readIntegration(ctx, service, ctx.config.integration_id) : await findIntegration(ctx, service);
  if (integration.type !== EVENTS_V2_INTEGRATION && integration.type !== `${EVENTS_V2_INTEGRATION}_reference`) throw notEventsV2(service, integration.id);
  if (!integration.integration_key) integration = await readIntegration(ctx, service, integration.id);
  if (!integration.integration_key) {
    throw new PatchbayError('VENDOR_PERMISSION_DENIED', {
      message: `PagerDuty did not show the key of integration ${integration.id} of service ${service}`,
      hint: 'Use an API key that may read the service and its integrations (a full-access account key, or a user key of a manager of the service).',
      details: { service_id: service, integration_id: integration.id },
    });
  }
  return new Secret(integration.integration_key);
}
