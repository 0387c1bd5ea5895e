CREATE TABLE "destination_dead_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"destination_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"event_type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"reason" jsonb,
	"skipped_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "destinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"instance_id" uuid NOT NULL,
	"format" text NOT NULL,
	"format_options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"event_type" text DEFAULT 'record.*' NOT NULL,
	"source_instance_id" uuid,
	"filter_criteria" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"failing_since" timestamp with time zone,
	"last_error" jsonb,
	"failing_to_seq" bigint,
	"last_sent_at" timestamp with time zone,
	"events_sent" bigint DEFAULT 0 NOT NULL,
	"replay_from" timestamp with time zone,
	"replay_to" timestamp with time zone,
	"replay_seq" bigint,
	"replay_until_seq" bigint,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "destination_dead_letters" ADD CONSTRAINT "destination_dead_letters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destination_dead_letters" ADD CONSTRAINT "destination_dead_letters_destination_id_destinations_id_fk" FOREIGN KEY ("destination_id") REFERENCES "public"."destinations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "destination_dead_letters_event_uq" ON "destination_dead_letters" USING btree ("destination_id","event_id");--> statement-breakpoint
CREATE INDEX "destination_dead_letters_dest_idx" ON "destination_dead_letters" USING btree ("destination_id","seq");--> statement-breakpoint
CREATE INDEX "destinations_org_idx" ON "destinations" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "destinations_instance_idx" ON "destinations" USING btree ("instance_id");