import type { FlowAssembler } from "./flowAssembler";
import type { ReasonCode } from "./conversionTypes";

/** What converting one source state found: recorded as its line of the report. */
export class Findings {
  readonly why: string[] = [];
  readonly reasons = new Set<ReasonCode>();
  readonly note: string[] = [];
  node?: string;

  constructor(
    private readonly asm: FlowAssembler,
    private readonly state: string,
    private readonly type: string,
  ) {}

  /** Something of this state could not be converted: what kind of loss, and the words for it. */
  lost(code: ReasonCode, why: string): void {
    this.reasons.add(code);
    this.why.push(why);
  }

  record(): void {
    this.asm.record({
      state: this.state,
      type: this.type,
      converted: this.why.length === 0,
      ...(this.why.length > 0 ? { why: this.why.join("; "), reasons: [...this.reasons] } : {}),
      ...(this.note.length > 0 ? { note: this.note.join("; ") } : {}),
      ...(this.node !== undefined ? { node: this.node } : {}),
    });
  }

  unmapped(paths: readonly string[]): void {
    if (paths.length > 0)
      this.lost("expression", `its Liquid ${paths.map((p) => `"${p}"`).join(", ")} has no counterpart`);
  }
}
