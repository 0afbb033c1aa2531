import { describe, expect, it } from "vitest";
import { validateFlow } from "./validateFlow";
import { baseFlow } from "../testing/flowBuilder";

function withStart(data: Record<string, unknown>) {
  const flow = baseFlow();
  const start = flow.nodes.find((n) => n.type === "start");
  if (start) start.data = { ...start.data, ...data };
  return flow;
}
const codes = (flow: ReturnType<typeof baseFlow>) =>
  validateFlow(flow)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => d.code);

describe("the start node's audience and reentry (CONTRACT §7)", () => {
  it("accepts an audience over the customer profile and every reentry form", () => {
    for (const reentry of ["always", "never", "afterEnd", "P30D"])
      expect(codes(withStart({ audience: "'vip' in customer.tags and customer.tier != 'closed'", reentry }))).toEqual(
        [],
      );
  });

  it("refuses an audience that reads a flow variable, calls an unknown function or does not parse", () => {
    for (const audience of ["amount > 5", "customer.age > 18 and missing()", "customer.tier =="]) {
      const found = validateFlow(withStart({ audience })).diagnostics.filter((d) => d.code === "BAD_AUDIENCE");
      expect(found.length, audience).toBeGreaterThan(0);
      expect(found[0]).toMatchObject({ severity: "error", nodeId: "start", path: "data.audience" });
    }
    const [variable] = validateFlow(withStart({ audience: "amount > 5" })).diagnostics.filter(
      (d) => d.code === "BAD_AUDIENCE",
    );
    expect(variable?.message).toContain("not on the customer profile (use customer.amount)");
  });

  it("refuses a reentry that is neither a keyword nor a duration", () => {
    expect(codes(withStart({ reentry: "sometimes" })).length).toBeGreaterThan(0);
  });
});

describe("a start node's named segment (policy@1 segments)", () => {
  const segmentCodes = (data: Record<string, unknown>, segments?: string[]) =>
    validateFlow(withStart(data), segments ? { segments } : {}).diagnostics.filter((d) => d.code === "UNKNOWN_SEGMENT");

  it("accepts a segment the workspace defines, alone or with the node's own audience", () => {
    expect(segmentCodes({ segment: "vip-shanghai" }, ["vip-shanghai", "lapsed"])).toEqual([]);
    expect(
      codes(withStart({ segment: "vip-shanghai", audience: "customer.tier != 'closed'" })).filter(
        (c) => c !== "UNKNOWN_SEGMENT",
      ),
    ).toEqual([]);
  });

  it("reports an unknown segment on the start node when the names are known, naming the known ones", () => {
    const [found] = segmentCodes({ segment: "vip-beijing" }, ["vip-shanghai", "lapsed"]);
    expect(found).toMatchObject({ severity: "error", nodeId: "start", path: "data.segment" });
    expect(found?.message).toContain('"vip-beijing"');
    expect(found?.message).toContain("lapsed, vip-shanghai");
    expect(segmentCodes({ segment: "vip-beijing" }, [])).toHaveLength(1);
  });

  it("does not guess without the names (the server's publish check passes them)", () => {
    expect(segmentCodes({ segment: "vip-beijing" })).toEqual([]);
  });

  it("refuses a segment name that is not a name", () => {
    expect(codes(withStart({ segment: "VIP Shanghai" }))).toContain("INVALID_NODE_DATA");
  });
});
