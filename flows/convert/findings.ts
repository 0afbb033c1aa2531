import type { FlowAssembler } from "./flowAssembler";

/** What converting one source state found: recorded as its line of the report. */
export class Findings {
  readonly why: string[] = [];
  readonly note: string[] = [];
  node?: string;

  constructor(
    private readonly asm: FlowAssembler,
    private readonly state: string,
    private readonly type: string,
  ) {}

  record(): void {
    this.asm.record({
      state: this.state,
      type: this.type,
      converted: this.why.length === 0,
      ...(this.why.length > 0 ? { why: this.why.join("; ") } : {}),
      ...(this.note.length > 0 ? { note: this.note.join("; ") } : {}),
      ...(this.node !== undefined ? { node: this.node } : {}),
    });
  }

  unmapped(paths: readonly string[]): void {
    if (paths.length > 0) this.why.push(`its Liquid ${paths.map((p) => `"${p}"`).join(", ")} has no counterpart`);
  }
}
