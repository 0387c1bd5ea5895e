CREATE TABLE "data_mapping_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mapping_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"field_mappings" jsonb NOT NULL,
	"transformations" jsonb NOT NULL,
	"source_schema" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"instance_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"name" text NOT NULL,
	"field_mappings" jsonb NOT NULL,
	"transformations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_schema" jsonb,
	"version" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_annotations" (
	"record_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"criticality" text,
	"tags" text[],
	"mapping_criticality" text,
	"mapping_tags" text[],
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "data_mapping_versions" ADD CONSTRAINT "data_mapping_versions_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_mappings" ADD CONSTRAINT "data_mappings_instance_id_integration_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."integration_instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_annotations" ADD CONSTRAINT "asset_annotations_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_mapping_versions_uq" ON "data_mapping_versions" USING btree ("instance_id","stream","version");--> statement-breakpoint
CREATE INDEX "data_mapping_versions_mapping_idx" ON "data_mapping_versions" USING btree ("mapping_id");--> statement-breakpoint
CREATE UNIQUE INDEX "data_mappings_active_uq" ON "data_mappings" USING btree ("instance_id","stream") WHERE "data_mappings"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "data_mappings_name_uq" ON "data_mappings" USING btree ("instance_id","name");--> statement-breakpoint
CREATE INDEX "data_mappings_org_idx" ON "data_mappings" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "asset_annotations_org_idx" ON "asset_annotations" USING btree ("organization_id");