ALTER TABLE "flow_versions" ADD COLUMN "change_note" text;--> statement-breakpoint
ALTER TABLE "script_versions" ADD COLUMN "returned_by" text;--> statement-breakpoint
ALTER TABLE "script_versions" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "script_versions" ADD COLUMN "return_comment" text;