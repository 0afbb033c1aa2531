// What the studio sees of a script and its versions.
import "server-only";
import { parseScriptDocument, scriptChannels, type ScriptChannel, type ScriptDocument } from "../../../flows/scripts";
import type { ScriptVersionStatus } from "../../db/schema/scripts";

export type ScriptVersionView = {
  version: number;
  status: ScriptVersionStatus;
  /** The stored script document (journey-studio/script@1), parsed; null if it no longer parses. */
  document: ScriptDocument | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  returnedBy: string | null;
  returnedAt: string | null;
  returnComment: string | null;
};

export type ScriptSummary = {
  key: string;
  name: string;
  /** Channels of the latest version's variants, in the canonical order. */
  channels: ScriptChannel[];
  locales: string[];
  latestVersion: number;
  status: ScriptVersionStatus;
  /** The newest approved version, the one published flows use. */
  approvedVersion: number | null;
  updatedAt: string;
};

export type ScriptDetail = { key: string; name: string; versions: ScriptVersionView[] };

export type ScriptVersionRow = {
  version: number;
  status: ScriptVersionStatus;
  document: unknown;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedBy: string | null;
  submittedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  returnedBy: string | null;
  returnedAt: Date | null;
  returnComment: string | null;
};

export function toVersionView(row: ScriptVersionRow): ScriptVersionView {
  const parsed = parseScriptDocument(row.document);
  return {
    version: row.version,
    status: row.status,
    document: parsed.ok ? parsed.document : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedBy: row.submittedBy,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    returnedBy: row.returnedBy,
    returnedAt: row.returnedAt?.toISOString() ?? null,
    returnComment: row.returnComment,
  };
}

export function channelsOf(document: ScriptDocument | null): ScriptChannel[] {
  const used = new Set(document?.variants.map((v) => v.channel) ?? []);
  return scriptChannels.filter((c) => used.has(c));
}

export function localesOf(document: ScriptDocument | null): string[] {
  return [...new Set(document?.variants.flatMap((v) => (v.locale ? [v.locale] : [])) ?? [])].sort();
}
