ALTER TABLE "interactions" ADD COLUMN "open_path" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- The running interactions' open rows, while the open index still finds them (ended ones never step again).
UPDATE "interactions" i SET "open_path" = o.positions
FROM (
  SELECT p.interaction_id, jsonb_object_agg(p.path, p.position) AS positions
  FROM "interaction_path" p JOIN "interactions" r ON r.id = p.interaction_id AND r.status IN ('active', 'waiting')
  WHERE p.left_at IS NULL
  GROUP BY p.interaction_id
) o
WHERE i.id = o.interaction_id;--> statement-breakpoint
DROP INDEX "interaction_path_open_idx";
