CREATE TABLE "analytics_comments" (
	"workspace_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"flow_key" text NOT NULL,
	"version" integer NOT NULL,
	"test" boolean NOT NULL,
	"day" date NOT NULL,
	"node" text NOT NULL,
	"channel" text NOT NULL,
	"metric" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"locale" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_comments_pkey" PRIMARY KEY("interaction_id","seq")
);
--> statement-breakpoint
CREATE TABLE "analytics_drivers" (
	"workspace_id" uuid NOT NULL,
	"driver" text NOT NULL,
	"locale" text NOT NULL,
	"label" text NOT NULL,
	"keywords" jsonb NOT NULL,
	CONSTRAINT "analytics_drivers_pkey" PRIMARY KEY("workspace_id","driver","locale")
);
--> statement-breakpoint
CREATE TABLE "analytics_facts" (
	"interaction_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"initial_channel" text NOT NULL,
	"entries" jsonb NOT NULL,
	"folded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_rollups" (
	"workspace_id" uuid NOT NULL,
	"flow_key" text NOT NULL,
	"version" integer NOT NULL,
	"test" boolean NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"node" text NOT NULL,
	"measure" text NOT NULL,
	"dim" text NOT NULL,
	"count" bigint NOT NULL,
	"sum" double precision NOT NULL,
	CONSTRAINT "analytics_rollups_pkey" PRIMARY KEY("workspace_id","flow_key","test","day","version","channel","node","measure","dim")
);
--> statement-breakpoint
CREATE TABLE "analytics_watermarks" (
	"source" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"after_id" uuid NOT NULL,
	"folded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_comments" ADD CONSTRAINT "analytics_comments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_comments" ADD CONSTRAINT "analytics_comments_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_drivers" ADD CONSTRAINT "analytics_drivers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_facts" ADD CONSTRAINT "analytics_facts_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_facts" ADD CONSTRAINT "analytics_facts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_rollups" ADD CONSTRAINT "analytics_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_comments_flow_day_idx" ON "analytics_comments" USING btree ("workspace_id","flow_key","test","day");--> statement-breakpoint
CREATE INDEX "interactions_updated_idx" ON "interactions" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "interactions_waiting_idx" ON "interactions" USING btree ("workspace_id","flow_key","updated_at","version","channel","created_at","current_node") WHERE "interactions"."status" in ('active', 'waiting') and "interactions"."test_clock" is null;