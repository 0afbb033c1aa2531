ALTER TABLE "customers" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "default_locale" text;