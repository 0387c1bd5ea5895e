import { z } from 'zod';
import type { ConnectorRow } from '@patchbay/engine';

export const connectorJson = z.object({
  id: z.string().describe('The connector key, used in every route, the CLI and the UI'),
  name: z.string(),
  vendor: z.string(),
  category: z.string(),
  version: z.string(),
  description: z.string(),
  key_features: z.array(z.string()),
  icon: z.string().nullable(),
  documentation_url: z.string().nullable(),
  capabilities: z.array(z.string()),
  auth_methods: z.array(z.string()),
  is_built_in: z.boolean(),
  author: z.string(),
  install_count: z.number().int().describe('Instances of this connector in your organisation'),
  installed: z.boolean(),
  rating: z.number().nullable().describe("Average of your organisation's reviews (1-5, two decimals); null without reviews"),
  review_count: z.number().int().describe("Reviews written in your organisation"),
  created_at: z.string(),
  updated_at: z.string(),
});

export function toConnectorJson(row: ConnectorRow): z.infer<typeof connectorJson> {
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    category: row.category,
    version: row.version,
    description: row.description,
    key_features: row.keyFeatures,
    icon: row.icon,
    documentation_url: row.documentationUrl,
    capabilities: row.capabilities,
    auth_methods: row.authMethods,
    is_built_in: row.isBuiltIn,
    author: row.author,
    install_count: row.installCount,
    installed: row.installed,
    rating: row.rating,
    review_count: row.reviewCount,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
