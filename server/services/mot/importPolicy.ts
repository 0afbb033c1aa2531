// `journey import` of a workspace policy document (`journey-studio/policy@1`, CONTRACT §7).
import "server-only";
import { errorAt } from "../../../flows";
import { parsePolicyDocument } from "../../../flows/policy";
import type { Db } from "../../db/client";
import { workspacePolicies } from "../../db/schema";

export async function importPolicy(
  db: Db,
  workspaceId: string,
  item: { name: string; document: unknown },
): Promise<{ name: string; kind: "policy"; ok: boolean; diagnostics: ReturnType<typeof errorAt>[] }> {
  const parsed = parsePolicyDocument(item.document);
  if (!parsed.ok)
    return {
      name: item.name,
      kind: "policy",
      ok: false,
      diagnostics: parsed.issues.map((issue) =>
        errorAt("INVALID_POLICY", `${issue.path.join(".") || "document"}: ${issue.message}`),
      ),
    };
  await db
    .insert(workspacePolicies)
    .values({ workspaceId, document: parsed.document })
    .onConflictDoUpdate({
      target: workspacePolicies.workspaceId,
      set: { document: parsed.document, updatedAt: new Date() },
    });
  return { name: item.name, kind: "policy", ok: true, diagnostics: [] };
}
