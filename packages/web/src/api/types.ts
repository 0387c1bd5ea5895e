import type { paths } from './generated/schema.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The success body of an operation (200, 201 or 202), from the generated OpenAPI types. */
export type Ok<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]> extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : R extends { 202: infer C }
        ? Json<C>
        : never
  : never;

/** The JSON body an operation takes. */
export type Body<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

type Item<T> = T extends { items: (infer I)[] } ? I : never;

export type Me = Ok<'/api/auth/me', 'get'>;
export type Connector = Ok<'/api/integration/connectors/{id}', 'get'>;
export type ConnectorSchema = Ok<'/api/integration/connectors/{id}/schema', 'get'>;
export type Capabilities = Ok<'/api/integration/connectors/{id}/capabilities', 'get'>;
export type Changelog = Ok<'/api/integration/connectors/{id}/changelog', 'get'>;
export type Collection = Item<Ok<'/api/integration/collections', 'get'>>;
export type Category = Item<Ok<'/api/integration/categories', 'get'>>;
export type ReviewPage = Ok<'/api/integration/connectors/{id}/reviews', 'get'>;
export type Review = Item<ReviewPage>;
export type Instance = Ok<'/api/integration/instances/{id}', 'get'>;
export type InstanceStatus = Instance['status'];
export type Health = Ok<'/api/integration/health/{id}', 'get'>;
export type Execution = Ok<'/api/integration/sync-executions/{id}', 'get'>;
export type LogEntry = Item<Ok<'/api/integration/logs', 'get'>>;
export type ActionRun = Ok<'/api/integration/action-runs/{id}', 'get'>;
export type RecordItem = Item<Ok<'/api/records', 'get'>>;
export type ConnectionTest = Ok<'/api/integration/instances/{id}/test', 'post'>;
export type Mapping = Ok<'/api/integration/mappings/{id}', 'get'>;
export type AuthType = Body<'/api/integration/auth-configs', 'post'>['auth_type'];
export type Ticket = Item<Ok<'/api/tickets', 'get'>>;
export type TicketDetail = Ok<'/api/tickets/{id}', 'get'>;
export type TicketStatus = Ticket['status'];
export type SlaState = Ticket['sla']['state'];
export type TicketRule = Ok<'/api/integration/ticket-rules/{id}', 'get'>;
export type TicketRuleInput = Body<'/api/integration/ticket-rules', 'post'>;
export type SlaPolicy = Ok<'/api/integration/sla-policies/{id}', 'get'>;
export type SlaPolicyInput = Body<'/api/integration/sla-policies', 'post'>;
export type Destination = Ok<'/api/integration/destinations/{id}', 'get'>;
export type DestinationInput = Body<'/api/integration/destinations', 'post'>;
export type DestinationFormat = DestinationInput['format'] & string;
export type DeadLetter = Item<Ok<'/api/integration/destinations/{id}/dead-letters', 'get'>>;
export type WebhookEndpoint = Ok<'/api/integration/webhooks/{id}', 'get'>;
export type WebhookMessage = Item<Ok<'/api/integration/webhooks/{id}/messages', 'get'>>;
export type DeliveryAttempt = Item<Ok<'/api/integration/webhooks/{id}/messages/{message_id}/attempts', 'get'>>;
export type Subscription = Ok<'/api/integration/event-subscriptions/{id}', 'get'>;
export type SubscriptionInput = Body<'/api/integration/event-subscriptions', 'post'>;
export type FilterCriteria = NonNullable<SubscriptionInput['filter_criteria']>;
export type EventType = Item<Ok<'/api/integration/events/types', 'get'>>;
export type SubscriptionTest = Ok<'/api/integration/event-subscriptions/test', 'post'>;
export type AuthConfig = Ok<'/api/integration/auth-configs/{id}', 'get'>;
export type AuthTest = Ok<'/api/integration/auth-configs/{id}/test', 'post'>;
export type ApiToken = Item<Ok<'/api/admin/tokens', 'get'>>;
export type CreatedToken = Ok<'/api/admin/tokens', 'post'>;
