CREATE TABLE "flow_folders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flow_folders_sibling_name_unique" UNIQUE NULLS NOT DISTINCT("workspace_id","parent_id","name"),
	CONSTRAINT "flow_folders_name_check" CHECK (length("flow_folders"."name") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "folder_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"folder_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "folder_grants_unique" UNIQUE("folder_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "instance_admins" (
	"user_id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "flows" ADD COLUMN "folder_id" uuid;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "flow_folders" ADD CONSTRAINT "flow_folders_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flow_folders" ADD CONSTRAINT "flow_folders_parent_id_flow_folders_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."flow_folders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folder_grants" ADD CONSTRAINT "folder_grants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folder_grants" ADD CONSTRAINT "folder_grants_folder_id_flow_folders_id_fk" FOREIGN KEY ("folder_id") REFERENCES "public"."flow_folders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folder_grants" ADD CONSTRAINT "folder_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instance_admins" ADD CONSTRAINT "instance_admins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flow_folders_parent_idx" ON "flow_folders" USING btree ("workspace_id","parent_id");--> statement-breakpoint
CREATE INDEX "folder_grants_user_idx" ON "folder_grants" USING btree ("workspace_id","user_id");--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_folder_id_flow_folders_id_fk" FOREIGN KEY ("folder_id") REFERENCES "public"."flow_folders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- The admins of the first ("default") workspace administer the installation they set up.
INSERT INTO "instance_admins" ("user_id")
SELECT m."user_id" FROM "memberships" m
WHERE m."role" = 'admin' AND m."workspace_id" = (SELECT w."id" FROM "workspaces" w ORDER BY (w."slug" <> 'default'), w."created_at" LIMIT 1)
ON CONFLICT DO NOTHING;
