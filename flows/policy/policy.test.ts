import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  checkCaps,
  decideMessage,
  DEFER_SPREAD_MS,
  instantAt,
  isOptOut,
  localTime,
  parsePolicyDocument,
  quietHoursEnd,
  type PolicyDocument,
  type SentMessage,
} from "./index";

const contractExample = {
  schema: "journey-studio/policy@1",
  defaultLocale: "zh-CN",
  quietHours: { start: "21:00", end: "08:00", categories: ["service", "marketing"] },
  caps: [
    { categories: ["marketing", "service"], max: 1, per: "P1D" },
    { categories: ["marketing"], channel: "sms", max: 3, per: "P7D" },
  ],
  whenCapped: "skip",
};

function policy(overrides: Partial<PolicyDocument> = {}): PolicyDocument {
  const parsed = parsePolicyDocument(contractExample);
  if (!parsed.ok) throw new Error(parsed.message);
  return { ...parsed.document, ...overrides };
}

const reachAll = { reachable: () => true };

describe("the policy document", () => {
  it("reads the contract's example", () => {
    const parsed = parsePolicyDocument(contractExample);
    expect(parsed.ok).toBe(true);
  });

  it("defaults caps to none and whenCapped to skip", () => {
    const parsed = parsePolicyDocument({ schema: "journey-studio/policy@1" });
    expect(parsed.ok && parsed.document).toEqual({ schema: "journey-studio/policy@1", caps: [], whenCapped: "skip" });
  });

  it.each([
    [{ ...contractExample, schema: "journey-studio/flow@1" }, "migration"],
    [{ ...contractExample, whenCapped: "drop" }, "schema"],
    [{ ...contractExample, quietHours: { start: "25:00", end: "08:00" } }, "schema"],
    [{ ...contractExample, caps: [{ categories: [], max: 1, per: "P1D" }] }, "schema"],
    [{ ...contractExample, caps: [{ categories: ["marketing"], max: 1, per: "one day" }] }, "schema"],
    [{ ...contractExample, timezone: "Mars/Olympus" }, "schema"],
    [{ ...contractExample, surprise: true }, "schema"],
  ])("refuses %j (%s)", (document, reason) => {
    const parsed = parsePolicyDocument(document);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toBe(reason);
  });
});

describe("zoned time", () => {
  it("finds the instant of a local time across zones and daylight saving", () => {
    expect(new Date(instantAt(2027, 3, 1, 9 * 60, "Asia/Shanghai")).toISOString()).toBe("2027-03-01T01:00:00.000Z");
    expect(new Date(instantAt(2027, 7, 1, 9 * 60, "America/New_York")).toISOString()).toBe("2027-07-01T13:00:00.000Z");
    expect(new Date(instantAt(2027, 1, 1, 9 * 60, "America/New_York")).toISOString()).toBe("2027-01-01T14:00:00.000Z");
  });

  it("round-trips any minute of any day in several zones", () => {
    const zones = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Sydney"];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const minute = ms - (ms % 60_000);
          const local = localTime(minute, zone);
          const back = instantAt(local.year, local.month, local.day, local.minutes, zone);
          // A repeated hour (autumn) may map to its other instant: the local time must still match.
          expect(localTime(back, zone)).toEqual(local);
        },
      ),
    );
  });
});

describe("quiet hours", () => {
  const quiet = { start: "21:00", end: "08:00", categories: ["service", "marketing"] as const };
  const q = { ...quiet, categories: [...quiet.categories] };

  it("hold a message at 22:00 Shanghai until 08:00 the next morning there", () => {
    const at = Date.parse("2027-03-01T14:00:00Z"); // 22:00 in Shanghai
    expect(new Date(quietHoursEnd(at, "Asia/Shanghai", q, "marketing") ?? 0).toISOString()).toBe(
      "2027-03-02T00:00:00.000Z",
    );
  });

  it("hold a message at 06:30 until 08:00 the same day", () => {
    const at = Date.parse("2027-03-01T22:30:00Z"); // 06:30 on 2 March in Shanghai
    expect(new Date(quietHoursEnd(at, "Asia/Shanghai", q, "service") ?? 0).toISOString()).toBe(
      "2027-03-02T00:00:00.000Z",
    );
  });

  it("let through a message outside them, a category they do not name, and transactional ones", () => {
    const noon = Date.parse("2027-03-01T04:00:00Z"); // 12:00 in Shanghai
    const night = Date.parse("2027-03-01T15:00:00Z"); // 23:00 in Shanghai
    expect(quietHoursEnd(noon, "Asia/Shanghai", q, "marketing")).toBeUndefined();
    expect(quietHoursEnd(night, "Asia/Shanghai", { ...q, categories: ["marketing"] }, "service")).toBeUndefined();
    expect(quietHoursEnd(night, "Asia/Shanghai", { ...q, categories: ["transactional"] }, "transactional")).toBe(
      undefined,
    );
  });

  it("never let a held message end inside quiet hours, in any zone (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.constantFrom("Asia/Shanghai", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "America/Los_Angeles"),
        (at, zone) => {
          const end = quietHoursEnd(at, zone, q, "marketing");
          if (end === undefined) {
            const m = localTime(at, zone).minutes;
            expect(m >= 8 * 60 && m < 21 * 60).toBe(true);
          } else {
            expect(end).toBeGreaterThan(at);
            expect(end - at).toBeLessThanOrEqual(13 * 3600_000);
            expect(localTime(end, zone).minutes).toBe(8 * 60);
            expect(quietHoursEnd(end, zone, q, "marketing")).toBeUndefined();
          }
        },
      ),
    );
  });
});

describe("caps", () => {
  const caps = policy().caps;
  const now = Date.parse("2027-03-01T04:00:00Z");
  const hour = 3600_000;

  it("allow the first message of the day and cap the second, until the first leaves the window", () => {
    expect(checkCaps(caps, [], "marketing", "sms", now)).toEqual({ capped: false });
    const history: SentMessage[] = [{ at: now - 2 * hour, channel: "email", category: "service" }];
    const verdict = checkCaps(caps, history, "marketing", "sms", now);
    expect(verdict.capped && verdict.allowedAt).toBe(now - 2 * hour + 24 * hour);
  });

  it("count only the categories and channel a cap names", () => {
    const history: SentMessage[] = [
      { at: now - 30 * hour, channel: "sms", category: "marketing" },
      { at: now - 50 * hour, channel: "sms", category: "marketing" },
      { at: now - 70 * hour, channel: "sms", category: "marketing" },
    ];
    // The daily cap is free (all older than a day); the weekly sms cap of 3 is reached.
    const verdict = checkCaps(caps, history, "marketing", "sms", now);
    expect(verdict.capped && verdict.cap.channel).toBe("sms");
    expect(checkCaps(caps, history, "marketing", "email", now)).toEqual({ capped: false });
  });

  it("never cap transactional messages", () => {
    const history: SentMessage[] = Array.from({ length: 10 }, (_, i) => ({
      at: now - i * 1000,
      channel: "sms",
      category: "marketing" as const,
    }));
    expect(
      checkCaps([{ categories: ["marketing"], max: 0, per: "P1D" }], history, "transactional", "sms", now),
    ).toEqual({ capped: false });
  });

  it("send at most max in any window, and release exactly at allowedAt (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 10 * 24 * 60 }), { minLength: 1, maxLength: 30 }),
        (max, wishes) => {
          const cap = [{ categories: ["marketing" as const], max, per: "PT24H" }];
          const sent: SentMessage[] = [];
          for (const wish of [...wishes].sort((a, b) => a - b)) {
            const at = now + wish * 60_000;
            const verdict = checkCaps(cap, sent, "marketing", "sms", at);
            if (!verdict.capped) {
              sent.push({ at, channel: "sms", category: "marketing" });
              continue;
            }
            expect(checkCaps(cap, sent, "marketing", "sms", verdict.allowedAt).capped).toBe(false);
            expect(checkCaps(cap, sent, "marketing", "sms", verdict.allowedAt - 1).capped).toBe(true);
          }
          for (const m of sent)
            expect(sent.filter((o) => o.at > m.at - 24 * hour && o.at <= m.at).length).toBeLessThanOrEqual(max);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("the decision for one message", () => {
  const noonShanghai = Date.parse("2027-03-01T04:00:00Z");
  const message = { id: "m1", channel: "sms", category: "marketing" as const, fallback: ["email" as const] };
  const sentToday: SentMessage[] = [{ at: noonShanghai - 3600_000, channel: "sms", category: "marketing" }];

  it("sends a message outside quiet hours and under the caps", () => {
    expect(decideMessage(policy(), message, { timezone: "Asia/Shanghai", ...reachAll }, [], noonShanghai)).toEqual({
      action: "send",
    });
  });

  it("defers a message in quiet hours to their end, spread over half an hour", () => {
    const night = Date.parse("2027-03-01T14:00:00Z");
    const decision = decideMessage(policy(), message, { timezone: "Asia/Shanghai", ...reachAll }, [], night);
    expect(decision.action).toBe("defer");
    if (decision.action !== "defer") return;
    expect(decision.reason).toBe("QUIET_HOURS");
    const end = Date.parse("2027-03-02T00:00:00Z");
    expect(decision.until).toBeGreaterThanOrEqual(end);
    expect(decision.until).toBeLessThan(end + DEFER_SPREAD_MS);
  });

  it("spreads many deferred messages over the window instead of one instant", () => {
    const night = Date.parse("2027-03-01T14:00:00Z");
    const untils = new Set(
      Array.from({ length: 200 }, (_, i) => {
        const d = decideMessage(
          policy(),
          { ...message, id: `m${i}` },
          { timezone: "Asia/Shanghai", ...reachAll },
          [],
          night,
        );
        return d.action === "defer" ? Math.floor(d.until / 60_000) : 0;
      }),
    );
    expect(untils.size).toBeGreaterThan(20);
  });

  it("uses the customer's zone, else the workspace's", () => {
    const at = Date.parse("2027-03-01T14:00:00Z"); // 22:00 Shanghai, 09:00 New York
    expect(decideMessage(policy(), message, { timezone: "America/New_York", ...reachAll }, [], at).action).toBe("send");
    expect(decideMessage(policy({ timezone: "Asia/Shanghai" }), message, { ...reachAll }, [], at).action).toBe("defer");
    expect(decideMessage(policy(), message, { ...reachAll }, [], at).action).toBe("send"); // UTC: 14:00
  });

  it("skips, defers or falls back when capped, as whenCapped says", () => {
    const customer = { timezone: "Asia/Shanghai", ...reachAll };
    expect(decideMessage(policy(), message, customer, sentToday, noonShanghai)).toEqual({
      action: "skip",
      reason: "CAPPED",
    });
    const deferred = decideMessage(policy({ whenCapped: "defer" }), message, customer, sentToday, noonShanghai);
    expect(deferred.action === "defer" && deferred.reason).toBe("CAPPED");
    // The daily cap counts every channel: no channel is free, so fallback skips.
    expect(decideMessage(policy({ whenCapped: "fallback" }), message, customer, sentToday, noonShanghai).action).toBe(
      "skip",
    );
    const weekly = policy({
      whenCapped: "fallback",
      caps: [{ categories: ["marketing"], channel: "sms", max: 1, per: "P7D" }],
    });
    expect(decideMessage(weekly, message, customer, sentToday, noonShanghai)).toEqual({
      action: "fallback",
      channel: "email",
      reason: "CAPPED",
    });
    expect(
      decideMessage(weekly, message, { timezone: "Asia/Shanghai", reachable: () => false }, sentToday, noonShanghai),
    ).toEqual({ action: "skip", reason: "CAPPED" });
  });

  it("never holds a transactional message, at night or over the cap", () => {
    const night = Date.parse("2027-03-01T14:00:00Z");
    const otp = { ...message, category: "transactional" as const };
    expect(decideMessage(policy(), otp, { timezone: "Asia/Shanghai", ...reachAll }, sentToday, night)).toEqual({
      action: "send",
    });
  });
});

describe("opt-out words", () => {
  it.each(["T", "t", " TD ", "td", "退订", "STOP", "stop", "Stop.", "Ｔ", "ｔｄ", "退订！"])("%j withdraws", (text) => {
    expect(isOptOut(text)).toBe(true);
  });
  it.each(["", "Thanks", "stop it", "回T退订", "TDD", "好的", "不要退订"])("%j does not", (text) => {
    expect(isOptOut(text)).toBe(false);
  });
});

describe("named segments in the policy document", () => {
  const withSegments = (segments: unknown) => parsePolicyDocument({ schema: "journey-studio/policy@1", segments });

  it("keeps segments over the customer profile", () => {
    const parsed = withSegments([
      { name: "vip-shanghai", audience: "'vip' in customer.tags and customer.city == 'Shanghai'", description: "VIPs" },
    ]);
    expect(parsed.ok && parsed.document.segments?.map((s) => s.name)).toEqual(["vip-shanghai"]);
  });

  it("checks a segment's expression as a start node's audience is checked", () => {
    for (const audience of ["amount > 5", "customer.tier ==", "missing(customer.tier)", ""]) {
      const parsed = withSegments([{ name: "bad", audience }]);
      expect(parsed.ok, audience).toBe(false);
    }
  });

  it("refuses a name twice and a name that is not a name", () => {
    expect(
      withSegments([
        { name: "a", audience: "true" },
        { name: "a", audience: "false" },
      ]).ok,
    ).toBe(false);
    expect(withSegments([{ name: "VIP Shanghai", audience: "true" }]).ok).toBe(false);
  });
});
