CREATE TABLE "integration_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid,
	"level" text NOT NULL,
	"operation" text NOT NULL,
	"message" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"user_id" uuid,
	"sync_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connector_metrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"connector_id" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"api_calls" integer DEFAULT 0 NOT NULL,
	"api_errors" integer DEFAULT 0 NOT NULL,
	"unavailable_calls" integer DEFAULT 0 NOT NULL,
	"response_time_ms_total" bigint DEFAULT 0 NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"throttling_events" integer DEFAULT 0 NOT NULL,
	"throttled_ms" bigint DEFAULT 0 NOT NULL,
	"operations" integer DEFAULT 0 NOT NULL,
	"failed_operations" integer DEFAULT 0 NOT NULL,
	"records_processed" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instance_health" (
	"instance_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"state" text DEFAULT 'unknown' NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" jsonb,
	"last_success_at" timestamp with time zone,
	"last_failure_at" timestamp with time zone,
	"rate_limited" boolean DEFAULT false NOT NULL,
	"status_before_unhealthy" text,
	"state_changed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_staleness" (
	"instance_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"stale_since" timestamp with time zone NOT NULL,
	"last_success_at" timestamp with time zone,
	"interval_minutes" integer NOT NULL,
	CONSTRAINT "stream_staleness_instance_id_stream_pk" PRIMARY KEY("instance_id","stream")
);
--> statement-breakpoint
ALTER TABLE "integration_logs" ADD CONSTRAINT "integration_logs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_metrics" ADD CONSTRAINT "connector_metrics_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instance_health" ADD CONSTRAINT "instance_health_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_staleness" ADD CONSTRAINT "stream_staleness_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_logs_org_time_idx" ON "integration_logs" USING btree ("organization_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "integration_logs_instance_time_idx" ON "integration_logs" USING btree ("instance_id","occurred_at");--> statement-breakpoint
CREATE INDEX "integration_logs_sync_idx" ON "integration_logs" USING btree ("sync_id");--> statement-breakpoint
CREATE INDEX "integration_logs_time_idx" ON "integration_logs" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "connector_metrics_instance_period_uq" ON "connector_metrics" USING btree ("instance_id","period_start");--> statement-breakpoint
CREATE INDEX "connector_metrics_org_period_idx" ON "connector_metrics" USING btree ("organization_id","period_start");--> statement-breakpoint
CREATE INDEX "connector_metrics_period_idx" ON "connector_metrics" USING btree ("period_start");--> statement-breakpoint
CREATE INDEX "instance_health_org_idx" ON "instance_health" USING btree ("organization_id");