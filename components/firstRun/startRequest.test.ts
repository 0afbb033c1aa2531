import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { curlCommand, guideChannel, startRequest } from "./startRequest";

describe("the first-run guide's API call", () => {
  it("describes a start with the key, the flow and the channel", () => {
    const request = startRequest("http://127.0.0.1:3000/", "js_test_abc", "my-first-journey", "chat", {
      amount: 80000,
    });
    expect(request).toEqual({
      url: "http://127.0.0.1:3000/api/v1/interactions",
      method: "POST",
      headers: { Authorization: "Bearer js_test_abc", "Content-Type": "application/json" },
      body: '{"flow":"my-first-journey","channel":"chat","context":{"amount":80000}}',
    });
  });

  it("prints a curl command the shell reads back to the same arguments", () => {
    const request = startRequest("http://h:1", "js_test_it's", "f", "chat", { note: "a'b $HOME `x`" });
    const command = curlCommand(request);
    // The shell's own reading of the command (printf one argument a line), not a re-implementation of quoting.
    const args = execFileSync("sh", ["-c", command.replace(/^curl/, "printf '%s\\n'")], { encoding: "utf8" })
      .trimEnd()
      .split("\n");
    expect(args).toEqual([
      "-X",
      "POST",
      "http://h:1/api/v1/interactions",
      "-H",
      "Authorization: Bearer js_test_it's",
      "-H",
      "Content-Type: application/json",
      "-d",
      request.body,
    ]);
  });

  it("starts on chat when the flow has it", () => {
    expect(guideChannel(["voice", "chat", "app"])).toBe("chat");
    expect(guideChannel(["sms"])).toBe("sms");
  });
});
