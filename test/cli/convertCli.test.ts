import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
const fixtures = join(root, "flows", "convert", "fixtures");

function journey(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, "bin", "journey.js"), ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "journey-convert-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("journey convert (a real process)", () => {
  it("one Twilio file: the flow on stdout, its scripts where stderr says, exit 0 when all converted", async () => {
    const scripts = join(dir, "one-scripts");
    const file = join(fixtures, "twilio", "send-and-wait-for-reply.json");
    const result = await journey(["convert", file, "--scripts", scripts]);
    expect(result.code).toBe(0);
    const flow = JSON.parse(result.stdout) as { schema: string; nodes: Array<{ id: string; type: string }> };
    expect(flow.schema).toBe("journey-studio/flow@1");
    expect(flow.nodes.map((n) => n.type)).toContain("ask");
    expect(result.stderr).toBe(`${file}: 3 scripts written to ${scripts}\n`);
    expect(readdirSync(scripts).sort()).toEqual([
      "send-and-wait-for-reply-ask-rating.json",
      "send-and-wait-for-reply-reminder.json",
      "send-and-wait-for-reply-thanks.json",
    ]);
  });

  it("an Amazon Connect flow in Content is detected; what is not converted is named on stderr, exit 1", async () => {
    const file = join(fixtures, "connect", "MessageParticipant.json");
    const result = await journey(["convert", file, "--scripts", join(dir, "connect-scripts")]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: "Message participant", channels: ["voice", "chat"] });
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${escape(file)}: [0-9a-f-]{36}: not converted: it plays the stored prompt `));
    expect(lines).toHaveLength(2); // and the line saying where the scripts went
  });

  it("several files go into --out: flows and scripts/, every flow valid and simulated by the CLI", async () => {
    const out = join(dir, "out");
    const files = [
      "twilio/ivr-realistic.json",
      "twilio/send-and-wait-for-reply.json",
      "connect/GetParticipantInput.json",
    ].map((f) => join(fixtures, f));
    const result = await journey(["convert", ...files, "--out", out]);
    expect(result.code).toBe(1); // the IVR's HTTP request and voicemail are stages, not converted
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      new RegExp(`^${escape(files[0] ?? "")}: lookup: not converted: an HTTP request`, "m"),
    );
    expect(result.stderr).not.toContain(files[1]);
    const written = readdirSync(out)
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(written).toEqual(["acme-support-ivr.json", "get-participant-input.json", "send-and-wait-for-reply.json"]);
    expect(readdirSync(join(out, "scripts")).length).toBeGreaterThan(5);

    const validated = await journey(["validate", ...written.map((f) => join(out, f))]);
    expect(validated).toMatchObject({ code: 0, stdout: "" });

    const events = join(dir, "reply.jsonl");
    writeFileSync(events, `${JSON.stringify({ type: "answer", data: { value: "5" } })}\n`);
    const run = await journey(["simulate", join(out, "send-and-wait-for-reply.json"), "--events", events]);
    expect(run.code).toBe(0);
    const last = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as { status: string; context: object };
    expect(last).toMatchObject({ status: "completed", context: { ask_rating: "5" } });
  });

  it("--from forces the format; a file of the other format is refused with why", async () => {
    const file = join(fixtures, "twilio", "send-message.json");
    const result = await journey(["convert", file, "--from", "connect"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${escape(file)}: is not an Amazon Connect contact flow: `));
    const bad = await journey(["convert", file, "--from", "genesys"]);
    expect(bad).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--from "genesys" is not one of twilio, connect'),
    });
  });

  it("a malformed file names its line, as the other commands do; a stranger is neither format", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{\n  "states": [\n    {"name": "Trigger",, }\n  ]\n}\n');
    const result = await journey(["convert", broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${escape(broken)}: line 3, column \\d+: is not valid JSON`));
    const stranger = join(dir, "stranger.json");
    writeFileSync(stranger, JSON.stringify({ hello: "world" }));
    const neither = await journey(["convert", stranger]);
    expect(neither).toMatchObject({ code: 1, stderr: expect.stringContaining("is neither a Twilio Studio flow") });
    const content = join(dir, "content.json");
    writeFileSync(content, JSON.stringify({ ContactFlow: { Name: "x", Content: '{"Version": "2019-10-30", ' } }));
    const badContent = await journey(["convert", content]);
    expect(badContent.stderr).toContain("its Content (the flow as a JSON string) is not valid JSON");
  });

  it("several files without --out are refused; no file prints usage", async () => {
    const a = join(fixtures, "twilio", "send-message.json");
    const result = await journey(["convert", a, a]);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining("2 files need --out DIR") });
    const none = await journey(["convert"]);
    expect(none).toMatchObject({ code: 1, stderr: expect.stringContaining("usage: journey convert FILE…") });
    expect(existsSync(join(root, "flows", "convert", "fixtures", "twilio", "scripts"))).toBe(false);
  });
});
