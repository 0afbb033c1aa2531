import { describe, expect, it } from "vitest";
import { keyForNewScript, matchScripts, scriptPreviewText } from "./scriptPickerText";

const scripts = [
  { key: "greeting", name: "Greeting 开场问候" },
  { key: "otp-sent", name: "OTP sent" },
  { key: "greeting-vip", name: "VIP greeting" },
];

describe("script picker helpers", () => {
  it("matches every word against key and name, the exact key first", () => {
    expect(matchScripts(scripts, "greet").map((s) => s.key)).toEqual(["greeting", "greeting-vip"]);
    expect(matchScripts(scripts, "vip greet").map((s) => s.key)).toEqual(["greeting-vip"]);
    expect(matchScripts(scripts, "开场").map((s) => s.key)).toEqual(["greeting"]);
    expect(matchScripts(scripts, "greeting-vip").map((s) => s.key)).toEqual(["greeting-vip"]);
    expect(matchScripts(scripts, "").length).toBe(3);
  });

  it("derives a key from a name, and a free one from a Chinese name or a taken one", () => {
    expect(keyForNewScript("Payment reminder", new Set())).toBe("payment-reminder");
    expect(keyForNewScript("Payment reminder", new Set(["payment-reminder"]))).toBe("payment-reminder-1");
    expect(keyForNewScript("还款提醒", new Set(["script-1"]))).toBe("script-2");
  });

  it("previews the first variant as text, shortened", () => {
    const text = scriptPreviewText({
      schema: "journey-studio/script@1",
      key: "k",
      name: "K",
      variants: [
        {
          channel: "sms",
          doc: {
            type: "doc",
            content: [{ type: "paragraph", content: [{ type: "text", text: "您好 ".repeat(100) }] }],
          },
        },
      ],
    });
    expect(text.length).toBe(180);
    expect(text.endsWith("…")).toBe(true);
  });
});
