import type { FlowDocument, VariableDeclaration } from "../schema/flowDocument";
import type { ScriptDocument } from "../schema/scriptDocument";

export const sourceFormats = ["twilio", "connect"] as const;
export type SourceFormat = (typeof sourceFormats)[number];

/** The kinds of loss a report line names (the studio words them in each language; `why` has the details). */
export const reasonCodes = [
  "became-stage",
  "left-out",
  "branch-left-out",
  "media",
  "expression",
  "unreachable",
  "loop",
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/**
 * One line of the conversion report, per source state (Twilio widget, Connect action). `converted`
 * is false when any part of it could not be brought over; `why` says what and why, `note` says what
 * changed on the way in a piece that did convert. `node` is the node it became, if any.
 */
export type ConversionReportItem = {
  state: string;
  type: string;
  /** A readable name where the state's own is an id (a Connect action: its type and the start of its prompt). */
  label?: string;
  converted: boolean;
  why?: string;
  reasons?: ReasonCode[];
  note?: string;
  node?: string;
};

/** Round-trip facts: what came in and what went out. */
export type ConversionStats = {
  states: number;
  transitions: number;
  prompts: number;
  nodes: number;
  edges: number;
  scripts: number;
  converted: number;
  notConverted: number;
};

export type ConversionSuccess = {
  ok: true;
  format: SourceFormat;
  flow: FlowDocument;
  scripts: ScriptDocument[];
  report: ConversionReportItem[];
  stats: ConversionStats;
};

export type ConversionFailure = { ok: false; message: string };

export type ConversionResult = ConversionSuccess | ConversionFailure;

export type ConvertOptions = {
  /** Forces the source format; detected from the document when absent. */
  from?: SourceFormat;
  /** A name for the flow when the source has none (e.g. the file's base name). */
  name?: string;
};

/** Declares a flow variable the converted flow reads or writes (FlowAssembler.declare). */
export type Declare = (name: string, type: VariableDeclaration["type"], defaultValue?: number | string) => void;
