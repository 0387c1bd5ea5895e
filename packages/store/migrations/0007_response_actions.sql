CREATE TABLE "action_limits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"action" text NOT NULL,
	"max_runs" integer NOT NULL,
	"per_seconds" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"connector_id" text NOT NULL,
	"action" text NOT NULL,
	"impact" text NOT NULL,
	"requires_approval" boolean NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"input" jsonb NOT NULL,
	"record_id" uuid,
	"subscription_id" uuid,
	"requested_by" uuid,
	"requested_by_label" text NOT NULL,
	"decided_by" uuid,
	"decided_by_label" text,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"approval_expires_at" timestamp with time zone,
	"expires_in_seconds" integer,
	"reverse_at" timestamp with time zone,
	"reverses_run_id" uuid,
	"reversed_by_run_id" uuid,
	"result" jsonb,
	"vendor_response" jsonb,
	"error_details" jsonb,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_limits" ADD CONSTRAINT "action_limits_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_runs" ADD CONSTRAINT "action_runs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_runs" ADD CONSTRAINT "action_runs_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_limits_uq" ON "action_limits" USING btree ("instance_id","action");--> statement-breakpoint
CREATE INDEX "action_runs_org_idx" ON "action_runs" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "action_runs_limit_idx" ON "action_runs" USING btree ("instance_id","action","created_at");--> statement-breakpoint
CREATE INDEX "action_runs_approval_due_idx" ON "action_runs" USING btree ("approval_expires_at") WHERE status = 'pending_approval';--> statement-breakpoint
CREATE INDEX "action_runs_reverse_due_idx" ON "action_runs" USING btree ("reverse_at") WHERE status = 'succeeded' and reverse_at is not null;