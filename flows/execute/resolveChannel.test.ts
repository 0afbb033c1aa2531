import { describe, expect, it } from "vitest";
import { channelCandidates, nextChannel, resolveChannel } from "./resolveChannel";

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
