// Every way a flow's draft changes (create, duplicate, import, import with replace, restore, save)
// records who changed it, so that with four eyes on that person cannot publish it alone, and each is
// written to the audit log. Called through the tRPC router, as the studio does.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import { addMember, browser, openAuthHarness, type AuthHarness } from "./authHarness";
import { flowDocument } from "./procedureInputs";

let h: AuthHarness;
let alice: ReturnType<typeof createCaller>;
let bob: ReturnType<typeof createCaller>;

async function callerFor(email: string, ip: string) {
  await addMember(h, email, "admin");
  const b = browser(h.auth, ip);
  await b.signIn(email);
  return createCaller({ database: h.database, headers: b.headers() });
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof TRPCError ? String(Reflect.get(Object(e.cause), "code") ?? e.code) : String(e)),
  );

beforeAll(async () => {
  h = await openAuthHarness();
  alice = await callerFor("alice@example.com", "198.51.100.31");
  bob = await callerFor("bob@example.com", "198.51.100.32");
  await alice.admin.security.update({ requireFourEyes: true, allowPrivateWebhookTargets: false });
});
afterAll(() => h?.close());

describe("who changed a draft, with four eyes on", () => {
  it("an admin who imports a flow cannot publish it alone; another admin can", async () => {
    await alice.flows.import({ document: flowDocument("imported-flow"), replace: false });
    expect(await codeOf(alice.flows.publish({ key: "imported-flow" }))).toBe("FOUR_EYES_REQUIRED");
    expect(await codeOf(bob.flows.publish({ key: "imported-flow" }))).toBe("ok");
  });

  it("nor after importing over an existing flow (replace: true)", async () => {
    await bob.flows.import({ document: flowDocument("replaced-flow"), replace: false });
    await alice.flows.publish({ key: "replaced-flow" });
    await alice.flows.import({ document: { ...flowDocument("replaced-flow"), name: "Changed" }, replace: true });
    expect(await codeOf(alice.flows.publish({ key: "replaced-flow" }))).toBe("FOUR_EYES_REQUIRED");
    expect(await codeOf(bob.flows.publish({ key: "replaced-flow" }))).toBe("ok");
  });

  it("nor after duplicating or restoring", async () => {
    await bob.flows.import({ document: flowDocument("original"), replace: false });
    await alice.flows.publish({ key: "original" });
    await alice.flows.duplicate({ key: "original", newKey: "original-copy" });
    expect(await codeOf(alice.flows.publish({ key: "original-copy" }))).toBe("FOUR_EYES_REQUIRED");

    const draft = await bob.flows.get({ key: "original" });
    await bob.flows.saveDraft({
      key: "original",
      document: { ...flowDocument("original"), name: "Second" },
      baseRevision: draft.revision,
    });
    await alice.flows.publish({ key: "original" });
    await alice.flows.restore({ key: "original", version: 1 });
    expect(await codeOf(alice.flows.publish({ key: "original" }))).toBe("FOUR_EYES_REQUIRED");
    expect(await codeOf(bob.flows.publish({ key: "original" }))).toBe("ok");
  });

  it("creating a flow records its author too", async () => {
    await alice.flows.create({ key: "made-here", name: "Made here", kind: "sop" });
    const draft = await bob.flows.get({ key: "made-here" });
    await bob.flows.saveDraft({ key: "made-here", document: flowDocument("made-here"), baseRevision: draft.revision });
    expect(await codeOf(bob.flows.publish({ key: "made-here" }))).toBe("FOUR_EYES_REQUIRED");
    expect(await codeOf(alice.flows.publish({ key: "made-here" }))).toBe("ok");
  });

  it("every kind of draft change is in the audit log, by whom", async () => {
    const { rows } = await bob.audit.list({ action: "flow." });
    const seen = new Set(rows.map((row) => `${row.action} ${row.subject.label} by ${row.actor.label.split(" ")[0]}`));
    for (const line of [
      "flow.imported imported-flow by alice",
      "flow.imported replaced-flow by bob",
      "flow.replaced replaced-flow by alice",
      "flow.duplicated original-copy by alice",
      "flow.restored original by alice",
      "flow.created made-here by alice",
      "flow.draftEdited made-here by bob",
    ])
      expect(seen).toContain(line);
    // Autosaves are audited when the author changes, not at every save: bob imported "original" and saved it.
    expect(seen).not.toContain("flow.draftEdited original by bob");
  });
});
