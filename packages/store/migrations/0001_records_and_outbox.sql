CREATE TABLE "records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"external_id" text NOT NULL,
	"class_uid" integer NOT NULL,
	"category_uid" integer,
	"severity_id" integer,
	"occurred_at" timestamp with time zone,
	"data" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"raw_hash" text NOT NULL,
	"raw_size" integer NOT NULL,
	"raw" jsonb,
	"sync_execution_id" uuid,
	"connector_version" text NOT NULL,
	"mapping_version" integer,
	"fetched_at" timestamp with time zone NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_states" (
	"instance_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"checkpoint" jsonb,
	"run_started_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stream_states_instance_id_stream_pk" PRIMARY KEY("instance_id","stream")
);
--> statement-breakpoint
CREATE TABLE "sync_executions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"schedule_id" uuid,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"initiated_by" uuid,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"cancel_requested_at" timestamp with time zone,
	"pages" integer DEFAULT 0 NOT NULL,
	"records_processed" integer DEFAULT 0 NOT NULL,
	"records_created" integer DEFAULT 0 NOT NULL,
	"records_updated" integer DEFAULT 0 NOT NULL,
	"records_unchanged" integer DEFAULT 0 NOT NULL,
	"records_deleted" integer DEFAULT 0 NOT NULL,
	"records_invalid" integer DEFAULT 0 NOT NULL,
	"records_failed" integer DEFAULT 0 NOT NULL,
	"error_details" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rejected_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"sync_execution_id" uuid,
	"external_id" text,
	"kind" text NOT NULL,
	"reason" jsonb NOT NULL,
	"raw" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "outbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_states" ADD CONSTRAINT "stream_states_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_executions" ADD CONSTRAINT "sync_executions_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "records_identity_uq" ON "records" USING btree ("instance_id","stream","external_id");--> statement-breakpoint
CREATE INDEX "records_org_class_idx" ON "records" USING btree ("organization_id","class_uid","last_seen");--> statement-breakpoint
CREATE INDEX "sync_exec_instance_idx" ON "sync_executions" USING btree ("instance_id","created_at");--> statement-breakpoint
CREATE INDEX "sync_exec_org_idx" ON "sync_executions" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "rejected_instance_idx" ON "rejected_records" USING btree ("instance_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_org_seq_idx" ON "outbox" USING btree ("organization_id","seq");--> statement-breakpoint
CREATE INDEX "outbox_type_idx" ON "outbox" USING btree ("type");