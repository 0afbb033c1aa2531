import { describe, expect, it } from "vitest";
import { maskAddress } from "./maskAddress";

describe("maskAddress", () => {
  it("keeps a phone number's country code and last two digits, an e-mail's first letter and domain", () => {
    expect(maskAddress("+8613800000001")).toBe("+86•••••••••01");
    expect(maskAddress("wang@example.com")).toBe("w•••@example.com");
    expect(maskAddress("app-device-7f3a")).toBe("app••••••••••3a");
  });

  it("hides a short address whole, and never returns the address itself", () => {
    expect(maskAddress("1234")).toBe("••••");
    expect(maskAddress("12345")).toBe("1••••");
    expect(maskAddress("1234567")).toBe("1••••••");
    for (const address of ["+8613800000001", "a@b.cn", "openid-xyz", "12345"])
      expect(maskAddress(address)).not.toBe(address);
  });
});
