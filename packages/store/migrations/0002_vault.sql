CREATE TABLE "vault_data_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"kek_id" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"rewrapped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vault_keks" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"state" text NOT NULL,
	"check_value" text,
	"created_at" timestamp with time zone NOT NULL,
	"activated_at" timestamp with time zone,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "auth_configs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"auth_type" text NOT NULL,
	"data_key_id" uuid NOT NULL,
	"credentials_ciphertext" text NOT NULL,
	"credential_summary" jsonb NOT NULL,
	"credentials_version" integer DEFAULT 1 NOT NULL,
	"oauth_config" jsonb,
	"expiration" timestamp with time zone,
	"expiry_notified_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"is_system_account" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"last_used" timestamp with time zone,
	CONSTRAINT "auth_configs_org_id_uq" UNIQUE("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "credential_usage" (
	"organization_id" uuid NOT NULL,
	"auth_config_id" uuid NOT NULL,
	"actor_type" text NOT NULL,
	"actor_key" text NOT NULL,
	"actor_label" text NOT NULL,
	"instance_key" text NOT NULL,
	"operation" text NOT NULL,
	"count" integer NOT NULL,
	"first_used_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credential_usage_pk" PRIMARY KEY("auth_config_id","actor_key","instance_key","operation")
);
--> statement-breakpoint
CREATE TABLE "oauth_tokens" (
	"auth_config_id" uuid NOT NULL,
	"audience" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"access_token_ciphertext" text NOT NULL,
	"token_type" text NOT NULL,
	"scope" text,
	"obtained_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oauth_tokens_pk" PRIMARY KEY("auth_config_id","audience")
);
--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"id" uuid PRIMARY KEY NOT NULL,
	"state_hash" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"auth_config_id" uuid NOT NULL,
	"user_id" uuid,
	"binding_hash" text NOT NULL,
	"code_verifier_ciphertext" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"return_to" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oauth_states_state_hash_unique" UNIQUE("state_hash")
);
--> statement-breakpoint
ALTER TABLE "vault_data_keys" ADD CONSTRAINT "vault_data_keys_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vault_data_keys" ADD CONSTRAINT "vault_data_keys_kek_id_vault_keks_id_fk" FOREIGN KEY ("kek_id") REFERENCES "public"."vault_keks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_configs" ADD CONSTRAINT "auth_configs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_configs" ADD CONSTRAINT "auth_configs_data_key_id_vault_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."vault_data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_usage" ADD CONSTRAINT "credential_usage_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_tokens" ADD CONSTRAINT "oauth_tokens_auth_config_id_auth_configs_id_fk" FOREIGN KEY ("auth_config_id") REFERENCES "public"."auth_configs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_auth_config_id_auth_configs_id_fk" FOREIGN KEY ("auth_config_id") REFERENCES "public"."auth_configs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vault_data_keys_kek_idx" ON "vault_data_keys" USING btree ("kek_id");--> statement-breakpoint
CREATE INDEX "vault_data_keys_org_idx" ON "vault_data_keys" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vault_keks_one_active_uq" ON "vault_keks" USING btree ("state") WHERE state = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "auth_configs_org_name_uq" ON "auth_configs" USING btree ("organization_id","name");--> statement-breakpoint
CREATE INDEX "credential_usage_org_idx" ON "credential_usage" USING btree ("organization_id","last_used_at");--> statement-breakpoint
CREATE INDEX "oauth_states_expires_idx" ON "oauth_states" USING btree ("expires_at");--> statement-breakpoint
-- Instances could name an auth config before configs existed: such references point nowhere, so they are cleared.
UPDATE "integration_instances" SET "auth_config_id" = NULL WHERE "auth_config_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "integration_instances" ADD CONSTRAINT "instances_auth_config_fk" FOREIGN KEY ("organization_id","auth_config_id") REFERENCES "public"."auth_configs"("organization_id","id") ON DELETE no action ON UPDATE no action;