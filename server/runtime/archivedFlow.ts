// Whether a flow is archived, as SQL over `flows f`. Archiving is stored in the draft
// row under `x-studio` (server/services/flows/studioDraft.ts writes it); an archived flow starts nothing.
import "server-only";
export const FLOW_ARCHIVED_SQL = `(f.draft -> 'x-studio' ->> 'archivedAt') is not null`;
