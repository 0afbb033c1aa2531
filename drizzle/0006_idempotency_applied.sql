ALTER TABLE "idempotency_keys" ADD COLUMN "owner" uuid;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "applied_interaction_id" uuid;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "applied_at" timestamp with time zone;