CREATE TABLE "trigger_watermarks" (
	"flow_version_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	"window_from" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"next_due_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trigger_watermarks" ADD CONSTRAINT "trigger_watermarks_flow_version_id_flow_versions_id_fk" FOREIGN KEY ("flow_version_id") REFERENCES "public"."flow_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trigger_watermarks" ADD CONSTRAINT "trigger_watermarks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_birthday_md_idx" ON "customers" USING btree ("workspace_id",((extract(month from "birthday") * 100 + extract(day from "birthday"))::int),"id");--> statement-breakpoint
CREATE INDEX "customers_updated_idx" ON "customers" USING btree ("workspace_id","updated_at","id");