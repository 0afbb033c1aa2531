-- Published flow versions are immutable: running interactions keep the version they started on.
-- Deleting (through the flow's or workspace's cascade) stays possible; changing a row is refused.
CREATE FUNCTION "flow_versions_refuse_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'flow_versions rows are immutable (flow %, version %)', OLD.flow_id, OLD.version
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "flow_versions_immutable"
  BEFORE UPDATE ON "flow_versions"
  FOR EACH ROW EXECUTE FUNCTION "flow_versions_refuse_update"();
