// The MOT rules in the studio, in English and Chinese: the policy editor (Settings → Messaging policy)
// saves caps, quiet hours and the default locale and exports the document; the customer 360° view finds
// a customer by address and shows addresses with consent (an SMS opt-out), audiences and the timeline;
// the designer's start-node inspector shows how many customers the audience holds, with a named segment
// (defined in the policy editor) counted too and an unknown one shown on the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startStudio, type Studio } from "./studioHarness";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { selectNode } from "./designerHelpers";

/** A fresh PGlite folder with a live API key (the 360° view shows live interactions, not test ones). */
function dataDirWithLiveKey(): { dataDir: string; apiKey: string } {
  const dataDir = mkdtempSync(join(tmpdir(), "journey-mot-"));
  const root = join(import.meta.dirname, "..", "..");
  const output = execFileSync(
    process.execPath,
    [join(root, "bin", "journey.js"), "api-key", "create", "--name", "mot-test"],
    { cwd: root, env: { ...process.env, JOURNEY_DATA_DIR: dataDir, DATABASE_URL: "" }, encoding: "utf8" },
  );
  return { dataDir, apiKey: output.trim().split("\n").pop() ?? "" };
}

let studio: Studio;
let apiKey: string;

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${studio.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  const made = dataDirWithLiveKey();
  apiKey = made.apiKey;
  studio = await startStudio({ env: { JOURNEY_DATA_DIR: made.dataDir } });
  expect(
    (
      await api("PUT", "/customers/wang-1", {
        name: "王女士",
        birthday: "1988-06-01",
        timezone: "Asia/Shanghai",
        preferredChannel: "sms",
        tags: ["vip"],
        attributes: { tier: "gold" },
        addresses: [
          { channel: "sms", address: "+8613800000001" },
          { channel: "email", address: "wang@example.com" },
        ],
      })
    ).status,
  ).toBe(201);
  await api("PUT", "/customers/li-2", { name: "李先生", attributes: { tier: "closed" } });
  const reply = await api("POST", "/events", {
    customer: { channel: "sms", address: "+8613800000001" },
    type: "message.reply",
    data: { text: "退订" },
  });
  expect(reply.status).toBe(200);
  const started = await api("POST", "/interactions", {
    flow: "birthday-greeting",
    channel: "sms",
    customer: { id: "wang-1" },
  });
  expect(started.status).toBe(201);
}, 240_000);
afterAll(async () => studio?.close());

describe("the MOT rules in the studio", () => {
  it("edits, saves and exports the workspace policy", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/policy`);
    await page.getByLabel("Default locale").fill("zh-CN");
    await page.getByLabel("Hold messages during quiet hours").check();
    await page.getByRole("button", { name: "Add a cap" }).click();
    await page.getByRole("button", { name: "Add a cap" }).click();
    const second = page.getByTestId("policy-cap").nth(1);
    await second.getByLabel("Channel").selectOption("sms");
    await second.getByLabel("At most").fill("3");
    await second.getByLabel("Per").selectOption("P7D");
    await page.getByLabel("When a cap is reached").selectOption("defer");
    await page.getByRole("button", { name: "Add a segment" }).click();
    const segment = page.getByTestId("policy-segment").first();
    await segment.getByLabel("Name").fill("vip");
    await segment.getByLabel("Who is in it").fill("'vip' in customer.tags");
    await segment.getByLabel("Description").fill("VIP customers");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Policy saved.");
    await page.reload();
    await expect.poll(() => page.getByTestId("policy-cap").count()).toBe(2);
    expect(await page.getByLabel("Default locale").inputValue()).toBe("zh-CN");
    const document = JSON.parse((await page.getByTestId("policy-json").textContent()) ?? "{}");
    expect(document).toMatchObject({
      schema: "journey-studio/policy@1",
      defaultLocale: "zh-CN",
      quietHours: { start: "21:00", end: "08:00" },
      caps: [
        { categories: ["marketing"], max: 1, per: "P1D" },
        { categories: ["marketing"], channel: "sms", max: 3, per: "P7D" },
      ],
      whenCapped: "defer",
      segments: [{ name: "vip", audience: "'vip' in customer.tags", description: "VIP customers" }],
    });
    const href = await page.getByRole("link", { name: "Export" }).getAttribute("href");
    expect(decodeURIComponent(href ?? "")).toContain('"whenCapped": "defer"');
    await screenshot(page, "mot-policy-en");
  });

  it("finds a customer by address and shows consent, audiences and the timeline", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/customers`);
    await page.getByRole("searchbox", { name: "Search by id, name or address" }).fill("13800000001");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("button", { name: /王女士/ }).click();
    const view = page.getByTestId("customer-view");
    await expect.poll(() => view.getByTestId("customer-addresses").textContent()).toContain("consent withdrawn");
    const addresses = (await view.getByTestId("customer-addresses").textContent()) ?? "";
    expect(addresses).toContain("+8613800000001");
    expect(addresses).toMatch(/wang@example\.com\s*consent(?! withdrawn)/);
    expect(await view.textContent()).toContain("Birthday greeting");
    await expect.poll(() => view.getByTestId("customer-timeline").textContent()).toContain("Journey birthday-greeting");
    // The greeting went to e-mail: SMS consent is withdrawn.
    expect(await view.getByTestId("customer-timeline").textContent()).toMatch(/Message birthday-greeting\s*email/);
    await screenshot(page, "mot-customer-en");
  });

  it("counts the start node's audience in the designer", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/birthday-greeting`);
    await selectNode(page, "start");
    // wang-1 (gold) and li-2 (closed): the audience customer.tier != 'closed' holds one of two.
    await expect
      .poll(() => page.getByTestId("audience-count").textContent())
      .toBe("1 of 2 customers are in this audience now");
    await screenshot(page, "mot-audience-en");
  });

  it("names a segment on the start node: an unknown one is a finding, a defined one is counted", async () => {
    const { page } = studio;
    const field = page.getByLabel("Segment (a named audience)");
    await field.fill("vip-beijing");
    await expect
      .poll(() => page.getByText('the segment "vip-beijing" is not one of the workspace\'s segments').count())
      .toBeGreaterThan(0);
    await field.fill("vip");
    // wang-1 is a VIP (and gold); li-2 is neither.
    await expect
      .poll(() => page.getByTestId("audience-count").textContent())
      .toBe("1 of 2 customers are in segment vip and this audience now");
    await expect.poll(() => page.getByText("is not one of the workspace's segments").count()).toBe(0);
    await screenshot(page, "mot-segment-en");
  });

  it("speaks Chinese", async () => {
    const { page, url } = studio;
    await page.context().addCookies([{ name: "journey-locale", value: "zh", url }]);
    await page.goto(`${url}/settings/policy`);
    await expect.poll(() => page.getByRole("heading", { name: "触达策略" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "保存策略" }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("policy-segment").first().getByLabel("名称").inputValue()).toBe("vip");
    await screenshot(page, "mot-policy-zh");
    await page.goto(`${url}/customers?id=wang-1`);
    await expect.poll(() => page.getByTestId("customer-addresses").textContent()).toContain("已退订");
    expect(await page.getByTestId("customer-timeline").textContent()).toContain("旅程 birthday-greeting");
    await screenshot(page, "mot-customer-zh");
    await page.goto(`${url}/flows/birthday-greeting`);
    await page.getByRole("searchbox").first().fill("start");
    await page.getByRole("searchbox").first().press("Enter");
    await expect
      .poll(() => page.getByTestId("audience-count").textContent())
      .toBe("当前有 1 / 2 位客户在分群 vip 及此人群中");
    await page.getByLabel("分群（命名人群）").fill("vip-beijing");
    await expect
      .poll(() => page.getByText("分群“vip-beijing”不是本工作区的分群（已知：vip）").count())
      .toBeGreaterThan(0);
    // An unknown segment counts nobody: the count gives way to the finding.
    await expect.poll(() => page.getByTestId("audience-count").count()).toBe(0);
    await expect.poll(() => page.getByText("正在计数…").count()).toBe(0);
    await screenshot(page, "mot-audience-zh");
  });
});
