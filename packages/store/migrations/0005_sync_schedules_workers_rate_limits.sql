CREATE TABLE "sync_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"stream" text,
	"schedule_type" text NOT NULL,
	"interval_minutes" integer,
	"cron_expression" text,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"event_trigger" text,
	"subscription_id" uuid,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_execution" timestamp with time zone,
	"next_execution" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sync_schedules_kind_ck" CHECK ((schedule_type = 'interval' and interval_minutes >= 1) or (schedule_type = 'cron' and cron_expression is not null) or (schedule_type = 'event' and event_trigger is not null))
);
--> statement-breakpoint
CREATE TABLE "sync_leases" (
	"instance_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"execution_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"job_id" text,
	"acquired_at" timestamp with time zone NOT NULL,
	"heartbeat_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sync_leases_instance_id_stream_pk" PRIMARY KEY("instance_id","stream")
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hostname" text NOT NULL,
	"pid" integer NOT NULL,
	"concurrency" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"heartbeat_at" timestamp with time zone NOT NULL,
	"stopped_at" timestamp with time zone,
	"stop_reason" text
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"key" text NOT NULL,
	"window_ms" integer NOT NULL,
	"capacity" double precision NOT NULL,
	"refill_per_ms" double precision NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"paused_until" timestamp (3) with time zone,
	CONSTRAINT "rate_limit_buckets_key_window_ms_pk" PRIMARY KEY("key","window_ms")
);
--> statement-breakpoint
ALTER TABLE "sync_schedules" ADD CONSTRAINT "sync_schedules_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_schedules" ADD CONSTRAINT "sync_schedules_subscription_id_event_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."event_subscriptions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_leases" ADD CONSTRAINT "sync_leases_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_leases" ADD CONSTRAINT "sync_leases_execution_id_sync_executions_id_fk" FOREIGN KEY ("execution_id") REFERENCES "public"."sync_executions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_leases" ADD CONSTRAINT "sync_leases_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_schedules_due_idx" ON "sync_schedules" USING btree ("next_execution") WHERE is_active and next_execution is not null;--> statement-breakpoint
CREATE INDEX "sync_schedules_instance_idx" ON "sync_schedules" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "sync_schedules_org_idx" ON "sync_schedules" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "sync_schedules_subscription_idx" ON "sync_schedules" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "sync_leases_worker_idx" ON "sync_leases" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "workers_running_idx" ON "workers" USING btree ("stopped_at");