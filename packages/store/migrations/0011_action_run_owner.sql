ALTER TABLE "action_runs" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
CREATE INDEX "action_runs_open_idx" ON "action_runs" USING btree ("updated_at") WHERE status in ('approved', 'running');