// Webhooks: the documented signature, verified against what the runtime's outbox really sends; secret
// rotation; SSRF refusal of internal targets; an audit row for each change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  memoryReplayStore,
  signatureHeader,
  verifyWebhookSignature,
} from "../../server/runtime/verifyWebhookSignature";
import { saveWorkspaceSecurity } from "../../server/auth/workspaceSecurity";
import { deliverOutbox } from "../../server/runtime/outboxDelivery";
import { sqlClientFor } from "../../server/db/sqlClient";
import {
  activeSigningSecrets,
  listWebhooks,
  rotateWebhookSecret,
  saveWebhook,
  deleteWebhook,
} from "../../server/services/webhooks/manageWebhooks";
import { checkWebhookTarget, isPublicAddress } from "../../server/services/webhooks/webhookTarget";
import { openAuthHarness, type AuthHarness } from "./authHarness";

let h: AuthHarness;
const actor = { type: "user" as const, id: "u-1", label: "Ada <ada@example.com>" };
/** A resolver for made-up names, so the tests need no network. */
const resolve = async (host: string) =>
  ({
    "hooks.example.com": ["93.184.215.14"],
    "evil.example.com": ["93.184.215.14", "10.0.0.5"],
    "metadata.example.com": ["169.254.169.254"],
  })[host] ?? [];

beforeAll(async () => {
  h = await openAuthHarness();
});
afterAll(() => h?.close());

type Captured = { body: string; signature: string | null; delivery: string | null };

async function deliverOne(channel: string): Promise<Captured> {
  await h.database.query("insert into outbox (workspace_id, channel, address, payload) values ($1, $2, $3, $4)", [
    h.workspaceId,
    channel,
    "+8613800000002",
    { text: "您好" },
  ]);
  const captured: Captured[] = [];
  const fetchImpl: typeof fetch = async (_url, init) => {
    const headers = new Headers(init?.headers);
    captured.push({
      body: String(init?.body),
      signature: headers.get("x-signature"),
      delivery: headers.get("x-journey-delivery"),
    });
    return new Response(null, { status: 204 });
  };
  await deliverOutbox(sqlClientFor(h.database), { fetchImpl });
  const [first] = captured;
  if (!first) throw new Error("nothing delivered");
  return first;
}

describe("webhook signatures (X-Signature: t=…,v1=…)", () => {
  let secret: string;
  let webhookId: string;
  let sent: Captured;

  beforeAll(async () => {
    const saved = await saveWebhook(
      h.database.db,
      h.workspaceId,
      { channel: "sms", url: "https://hooks.example.com/sms" },
      { actor, resolve },
    );
    secret = saved.secret ?? "";
    webhookId = saved.id;
    sent = await deliverOne("sms");
  });

  it("verifies what the outbox sends", () => {
    expect(secret).toMatch(/^whsec_/);
    expect(verifyWebhookSignature({ header: sent.signature, body: sent.body, secrets: [secret] })).toMatchObject({
      ok: true,
    });
    expect(
      verifyWebhookSignature({ header: sent.signature, body: Buffer.from(sent.body), secrets: [secret] }),
    ).toMatchObject({ ok: true });
  });

  it("rejects a tampered body, a wrong secret, a malformed header", () => {
    const tampered = sent.body.replace("您好", "转账");
    expect(verifyWebhookSignature({ header: sent.signature, body: tampered, secrets: [secret] })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verifyWebhookSignature({ header: sent.signature, body: sent.body, secrets: ["whsec_wrong"] })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verifyWebhookSignature({ header: "v1=abc", body: sent.body, secrets: [secret] })).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(verifyWebhookSignature({ header: null, body: sent.body, secrets: [secret] })).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it("rejects a timestamp more than 300 s away, and a replay within the window", () => {
    const t = Number(/t=(\d+)/.exec(sent.signature ?? "")?.[1]);
    expect(
      verifyWebhookSignature({ header: sent.signature, body: sent.body, secrets: [secret], nowMs: (t + 301) * 1000 }),
    ).toEqual({ ok: false, reason: "stale" });
    expect(
      verifyWebhookSignature({ header: sent.signature, body: sent.body, secrets: [secret], nowMs: (t + 299) * 1000 }),
    ).toMatchObject({ ok: true });
    const seen = memoryReplayStore();
    expect(verifyWebhookSignature({ header: sent.signature, body: sent.body, secrets: [secret], seen })).toMatchObject({
      ok: true,
    });
    expect(verifyWebhookSignature({ header: sent.signature, body: sent.body, secrets: [secret], seen })).toEqual({
      ok: false,
      reason: "replayed",
    });
  });

  it("rotation: the old secret stays valid for 24 h; both verify, either way round", async () => {
    const rotated = await rotateWebhookSecret(h.database.db, h.workspaceId, webhookId, { actor });
    expect(rotated.secret).not.toBe(secret);
    expect(Date.parse(rotated.previousValidUntil) - Date.now()).toBeGreaterThan(23.9 * 3600 * 1000);
    expect(await activeSigningSecrets(h.database.db, webhookId)).toEqual([rotated.secret, secret]);
    expect(
      await activeSigningSecrets(h.database.db, webhookId, new Date(Date.now() + 24 * 3600 * 1000 + 1000)),
    ).toEqual([rotated.secret]);
    // What the outbox sends during the rotation verifies at a receiver configured with both.
    const after = await deliverOne("sms");
    expect(
      verifyWebhookSignature({ header: after.signature, body: after.body, secrets: [rotated.secret, secret] }),
    ).toMatchObject({ ok: true });
    // The outbox signs with both while the old one is valid: a receiver that knows only one accepts it.
    expect(verifyWebhookSignature({ header: after.signature, body: after.body, secrets: [secret] })).toMatchObject({
      ok: true,
    });
    expect(
      verifyWebhookSignature({ header: after.signature, body: after.body, secrets: [rotated.secret] }),
    ).toMatchObject({ ok: true });
    // Built by hand with both secrets, the header verifies with either.
    const t = Math.floor(Date.now() / 1000);
    const both = signatureHeader([rotated.secret, secret], t, after.body);
    expect(verifyWebhookSignature({ header: both, body: after.body, secrets: [secret] })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature({ header: both, body: after.body, secrets: [rotated.secret] })).toMatchObject({
      ok: true,
    });
    expect((await listWebhooks(h.database.db, h.workspaceId))[0]).toMatchObject({
      channel: "sms",
      previousSecretExpiresAt: rotated.previousValidUntil,
    });
  });

  it("writes an audit row for each change, and the rows cannot be changed", async () => {
    await deleteWebhook(h.database.db, h.workspaceId, webhookId, { actor });
    const rows = await h.database.query<{ action: string; actor_label: string }>(
      "select action, actor_label from audit_log where subject_id = $1 order by at",
      [webhookId],
    );
    expect(rows.map((r) => r.action)).toEqual(["webhook.created", "webhook.secretRotated", "webhook.deleted"]);
    await expect(
      h.database.query("update audit_log set action = 'nothing' where subject_id = $1", [webhookId]),
    ).rejects.toThrow(/cannot be changed/);
    await expect(h.database.query("delete from audit_log where subject_id = $1", [webhookId])).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(h.database.exec("truncate audit_log")).rejects.toThrow(/cannot be changed/);
    // No secret in the audit log.
    const dump = JSON.stringify(await h.database.query("select before, after from audit_log"));
    expect(dump).not.toMatch(/whsec_[A-Za-z0-9_-]{20,}/);
  });
});

describe("webhook targets (SSRF)", () => {
  it("refuses non-http schemes, credentials, internal names and addresses, and names resolving to them", async () => {
    for (const url of [
      "file:///etc/passwd",
      "gopher://hooks.example.com",
      "ftp://hooks.example.com/x",
      "https://user:pw@hooks.example.com/",
      "http://localhost:8080/",
      "http://127.0.0.1/",
      "http://[::1]/",
      "http://10.1.2.3/",
      "http://192.168.1.1/",
      "http://172.16.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fe80::1]/",
      "http://[fd00::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://0.0.0.0/",
      "http://2130706433/", // 127.0.0.1 as one number: URL normalises it
      "https://metadata.example.com/",
      "https://evil.example.com/", // one public, one private address
      "https://nowhere.example.com/",
    ]) {
      await expect(checkWebhookTarget(url, { allowPrivate: false, resolve }), url).rejects.toMatchObject({
        code: "WEBHOOK_TARGET_REFUSED",
      });
    }
    expect(await checkWebhookTarget("https://hooks.example.com/sms#x", { allowPrivate: false, resolve })).toBe(
      "https://hooks.example.com/sms",
    );
  });

  it("allows private targets when the workspace allows them, never other schemes", async () => {
    expect(await checkWebhookTarget("http://10.1.2.3:8080/gw", { allowPrivate: true, resolve })).toBe(
      "http://10.1.2.3:8080/gw",
    );
    await expect(checkWebhookTarget("file:///etc/passwd", { allowPrivate: true, resolve })).rejects.toMatchObject({
      code: "WEBHOOK_TARGET_REFUSED",
    });
    await expect(
      saveWebhook(h.database.db, h.workspaceId, { channel: "chat", url: "http://10.1.2.3/" }, { actor, resolve }),
    ).rejects.toMatchObject({ code: "WEBHOOK_TARGET_REFUSED" });
    await saveWorkspaceSecurity(h.database.db, h.workspaceId, {
      requireFourEyes: true,
      allowPrivateWebhookTargets: true,
    });
    expect(
      (
        await saveWebhook(
          h.database.db,
          h.workspaceId,
          { channel: "chat", url: "http://10.1.2.3/" },
          { actor, resolve },
        )
      ).secret,
    ).toMatch(/^whsec_/);
  });

  it("classifies addresses", () => {
    expect(isPublicAddress("93.184.215.14")).toBe(true);
    expect(isPublicAddress("2606:4700::1111")).toBe(true);
    for (const a of [
      "127.0.0.1",
      "10.0.0.1",
      "100.64.0.1",
      "169.254.1.1",
      "::1",
      "fe80::1",
      "fc00::1",
      "::ffff:10.0.0.1",
      "224.0.0.1",
      "not-an-ip",
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });
});
