import type { Body, Ok } from '../../api/types.ts';

type Item<T> = T extends { items: (infer I)[] } ? I : never;

/** The API's shapes the designer works with (from the generated OpenAPI types). */
export type MappingVersion = Item<Ok<'/api/integration/mappings/{id}/versions', 'get'>>;
export type PreviewInput = Body<'/api/integration/mappings/preview', 'post'>;
export type Preview = Ok<'/api/integration/mappings/preview', 'post'>;
export type SamplePreview = Preview['samples'][number];
export type PreviewIssue = Preview['errors'][number];
export type StreamSamples = Ok<'/api/integration/instances/{id}/streams/{stream}/samples', 'get'>;
export type LiveSample = Ok<'/api/integration/instances/{id}/streams/{stream}/sample', 'post'>;
export type OcsfClassList = Ok<'/api/ocsf/classes', 'get'>;
export type OcsfClassSummary = OcsfClassList['items'][number];
export type OcsfClassDetail = Ok<'/api/ocsf/classes/{uid}', 'get'>;
export type OcsfObjectDetail = Ok<'/api/ocsf/objects/{name}', 'get'>;
export type OcsfAttribute = OcsfClassDetail['attributes'][number];
export type Transformation = NonNullable<PreviewInput['transformations']>[number];
