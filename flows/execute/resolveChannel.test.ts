import { describe, expect, it } from "vitest";
import { channelCandidates, nextChannel, resolveChannel, unreachableReason } from "./resolveChannel";

const flowChannels = ["sms", "email", "app"] as const;

describe("channel choice (WHERE)", () => {
  it("takes the preferred channel when the customer is reachable on it", () => {
    const customer = { preferredChannel: "email", addresses: { email: "a@b.c", sms: "+86 1" } };
    expect(resolveChannel("preferred", ["sms"], customer, flowChannels)).toBe("email");
  });

  it("skips the preferred channel without an address, then one with consent withdrawn", () => {
    const customer = { preferredChannel: "email", addresses: { sms: "+86 1", app: "token" }, consent: { sms: false } };
    expect(channelCandidates("preferred", ["sms", "app"], customer, flowChannels)).toEqual(["app"]);
  });

  it("falls back from a named channel the customer withdrew consent for", () => {
    expect(resolveChannel("sms", ["email"], { consent: { sms: false } }, flowChannels)).toBe("email");
  });

  it("is undefined when no channel reaches the customer", () => {
    expect(resolveChannel("sms", [], { consent: { sms: false } }, flowChannels)).toBeUndefined();
    expect(resolveChannel("preferred", ["email"], { addresses: { wechat: "o1" } }, flowChannels)).toBeUndefined();
  });

  it("keeps the old behaviour for a customer without addresses on file", () => {
    expect(resolveChannel("preferred", [], {}, flowChannels)).toBe("sms");
    expect(resolveChannel("preferred", ["email"], { preferredChannel: "voice" }, flowChannels)).toBe("email");
  });

  it("gives the next channel after a failed delivery, and none when all were tried", () => {
    const candidates = channelCandidates("preferred", ["email", "app"], { preferredChannel: "sms" }, flowChannels);
    expect(nextChannel(candidates, ["sms"])).toBe("email");
    expect(nextChannel(candidates, ["sms", "email", "app"])).toBeUndefined();
  });
});

describe("unreachableReason", () => {
  it("names the channel a message would have taken and why the customer is not reachable there", () => {
    const noApp = { addresses: { sms: "+86 1" } };
    expect(unreachableReason("app", [], noApp, [...flowChannels])).toEqual({ channel: "app", reason: "NO_ADDRESS" });
    const optedOut = { preferredChannel: "sms", consent: { sms: false }, addresses: { sms: "+86 1" } };
    expect(unreachableReason("preferred", [], optedOut, [...flowChannels])).toEqual({
      channel: "sms",
      reason: "NO_CONSENT",
    });
    expect(unreachableReason("preferred", ["email"], {}, [...flowChannels])).toEqual({
      channel: "email",
      reason: "NO_ADDRESS",
    });
    expect(unreachableReason("preferred", [], {}, [])).toBeUndefined();
  });
});
