CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"targets" jsonb NOT NULL,
	"near_breach_ratio" real DEFAULT 0.75 NOT NULL,
	"business_hours" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_findings" (
	"ticket_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"ticket_resolved_at" timestamp with time zone,
	CONSTRAINT "ticket_findings_ticket_id_record_id_pk" PRIMARY KEY("ticket_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_operations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ticket_operations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"ticket_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"change" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"instance_id" uuid NOT NULL,
	"source_instance_id" uuid,
	"filter_criteria" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"asset_conditions" jsonb,
	"group_by" text DEFAULT 'finding' NOT NULL,
	"title_template" text,
	"description_template" text,
	"field_mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"priority_matrix" jsonb,
	"sla_policy_id" uuid,
	"comment_on_changes" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"rule_id" uuid,
	"instance_id" uuid NOT NULL,
	"dedup_key" text NOT NULL,
	"group_key" text NOT NULL,
	"title" text NOT NULL,
	"priority" integer NOT NULL,
	"status" text NOT NULL,
	"vendor_key" text,
	"vendor_url" text,
	"vendor_status" text,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sla_policy_id" uuid,
	"sla_state" text DEFAULT 'none' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"near_breach_at" timestamp with time zone,
	"sla_stopped_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"last_error" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_findings" ADD CONSTRAINT "ticket_findings_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_findings" ADD CONSTRAINT "ticket_findings_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_operations" ADD CONSTRAINT "ticket_operations_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_rules" ADD CONSTRAINT "ticket_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_rules" ADD CONSTRAINT "ticket_rules_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_rules" ADD CONSTRAINT "ticket_rules_sla_policy_id_sla_policies_id_fk" FOREIGN KEY ("sla_policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_rule_id_ticket_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."ticket_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_org_name_uq" ON "sla_policies" USING btree ("organization_id","name");--> statement-breakpoint
CREATE INDEX "ticket_findings_record_idx" ON "ticket_findings" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "ticket_operations_pending_idx" ON "ticket_operations" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_rules_org_name_uq" ON "ticket_rules" USING btree ("organization_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_org_dedup_uq" ON "tickets" USING btree ("organization_id","dedup_key");--> statement-breakpoint
CREATE INDEX "tickets_vendor_key_idx" ON "tickets" USING btree ("instance_id","vendor_key");--> statement-breakpoint
CREATE INDEX "tickets_sla_idx" ON "tickets" USING btree ("sla_state","due_at");