ALTER TABLE "workspace_settings" ALTER COLUMN "require_four_eyes" SET DEFAULT false;--> statement-breakpoint
ALTER TABLE "flows" ADD COLUMN "draft_updated_by_id" text;--> statement-breakpoint
ALTER TABLE "script_versions" ADD COLUMN "created_by_id" text;--> statement-breakpoint
ALTER TABLE "script_versions" ADD COLUMN "submitted_by_id" text;