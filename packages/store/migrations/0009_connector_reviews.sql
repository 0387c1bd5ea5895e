CREATE TABLE "connector_review_votes" (
	"review_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"helpful" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "connector_review_votes_review_id_user_id_pk" PRIMARY KEY("review_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "connector_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"connector_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "connector_reviews_rating_range" CHECK ("connector_reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "connector_review_votes" ADD CONSTRAINT "connector_review_votes_review_id_connector_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."connector_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_review_votes" ADD CONSTRAINT "connector_review_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_reviews" ADD CONSTRAINT "connector_reviews_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_reviews" ADD CONSTRAINT "connector_reviews_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_reviews" ADD CONSTRAINT "connector_reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connector_reviews_author_uq" ON "connector_reviews" USING btree ("organization_id","connector_id","user_id");--> statement-breakpoint
CREATE INDEX "connector_reviews_connector_idx" ON "connector_reviews" USING btree ("organization_id","connector_id","created_at");