// Issue 14, items 10, 13 and 15 in the browser, in English and Chinese: the simulator's input form (the
// flow's variables and a customer, the JSON in step with it), a flow count that says what the rows are
// of, and the first-run path on an empty workspace: an example gallery, and the guided first journey
// from the layered-verification example to a published flow answering over the API with a key made there.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot, signIn, startStudio, TEST_ADMIN } from "./studioHarness";
import { emptyWorkspace } from "./emptyWorkspace";
import type { Studio } from "./studioHarness";

let studio: Studio;
beforeAll(async () => {
  studio = await startStudio();
});
afterAll(async () => studio?.close());

const rows = (page: Page) => page.locator('[data-testid^="flow-row-"]').count();

/** The command the guide shows, as the shell reads it, sent with fetch: the answer's status and body. */
async function runShownCommand(command: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const args = execFileSync("sh", ["-c", command.replace(/^curl/, "printf '%s\\n'")], { encoding: "utf8" })
    .trimEnd()
    .split("\n");
  expect(args.slice(0, 2)).toEqual(["-X", "POST"]);
  const headers: Record<string, string> = {};
  let body = "";
  for (let i = 3; i < args.length; i += 2) {
    if (args[i] === "-H") {
      const [name, ...value] = args[i + 1]!.split(": ");
      headers[name!] = value.join(": ");
    } else if (args[i] === "-d") body = args[i + 1]!;
  }
  const response = await fetch(args[2]!, { method: "POST", headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function walkTheGuide(page: Page, lang: "en" | "zh"): Promise<void> {
  const text = {
    en: {
      guide: "Your first journey, guided",
      create: "Create from the example",
      publish: "Publish",
      key: "Create a test API key",
    },
    zh: { guide: "引导你完成第一个旅程", create: "从示例创建", publish: "发布", key: "创建测试 API 密钥" },
  }[lang];
  await page.getByRole("link", { name: new RegExp(text.guide) }).click();
  await page.waitForURL(/\/get-started/);
  await page.getByRole("button", { name: text.create }).click();
  await expect.poll(() => page.getByTestId("guide-created").textContent()).toContain("my-first-journey");
  await expect.poll(() => page.getByTestId("guide-preview").locator(".react-flow__node").count()).toBeGreaterThan(10);
  await screenshot(page, `first-run-2-created-${lang}`);
  await page.getByRole("button", { name: text.publish, exact: true }).click();
  await expect.poll(() => page.getByTestId("guide-published").textContent()).toMatch(/1/);
  await page.getByRole("button", { name: text.key }).click();
  const curl = page.getByTestId("guide-curl");
  await expect.poll(() => curl.textContent()).toMatch(/Bearer js_test_/);
  await page.getByTestId("guide-step-4").scrollIntoViewIfNeeded();
  await screenshot(page, `first-run-3-api-${lang}`);
  const command = (await curl.textContent()) ?? "";
  expect(command).toContain(`${studio.url}/api/v1/interactions`);
  const started = await runShownCommand(command);
  expect(started.status).toBe(201);
  expect(started.body).toMatchObject({
    flow: expect.stringMatching(/^my-first-journey/),
    version: 1,
    status: "active",
    step: { node: "opening", script: { key: "greeting", text: expect.stringMatching(/\S/) } },
  });
}

describe("the designer for a newcomer", () => {
  it("counts the rows it lists, and says how many are archived or filtered out", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows`);
    await expect.poll(() => rows(page)).toBeGreaterThan(1);
    const listed = await rows(page);
    expect(await page.getByTestId("flow-count").textContent()).toBe(`${listed} flows`);
    await page.getByRole("button", { name: "Archive Birthday greeting" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Archive" }).click();
    await expect.poll(() => rows(page)).toBe(listed - 1);
    expect(await page.getByTestId("flow-count").textContent()).toBe(`${listed - 1} flows · 1 archived, not listed`);
    await page.getByRole("searchbox", { name: "Search flows" }).fill("layered");
    await expect.poll(() => rows(page)).toBe(1);
    expect(await page.getByTestId("flow-count").textContent()).toBe(`1 of ${listed} flows`);
    await screenshot(page, "first-run-0-count-en");
  });

  it("imports a messaging policy within the studio's 1 MiB limit, with its own words for what is wrong", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/settings/policy`);
    const input = page.getByLabel("Import a policy document");
    await input.setInputFiles({
      name: "huge.json",
      mimeType: "application/json",
      buffer: Buffer.alloc(1024 * 1024 + 1, " "),
    });
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "huge.json" }).textContent())
      .toBe("huge.json is 1025 KiB: the studio imports documents of up to 1,024 KiB (1 MiB).");
    await input.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{ nope") });
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "broken.json" }).textContent())
      .toBe("broken.json is not a JSON document.");
  });

  it("simulates from a form of the flow's variables and a sample customer, the JSON in step", async () => {
    const { page, url } = studio;
    await page.goto(`${url}/flows/card-transfer-stepup`);
    await page.getByRole("tab", { name: "Simulate" }).click();
    const amount = page.getByTestId("sim-vars-amount");
    await expect.poll(() => amount.inputValue()).toBe("0"); // the declared default
    await amount.fill("80000");
    await page.getByTestId("sim-vars-hasToken").check();
    expect(await page.getByLabel("Sample customer").inputValue()).toBe("typical"); // variables are not the customer
    await page.getByLabel("Sample customer").selectOption("vip");
    await expect.poll(() => page.getByTestId("sim-customer-name").inputValue()).toBe("Li Wei");
    await page.getByTestId("sim-customer-birthday").fill("1979-13-01");
    await expect.poll(() => page.getByText("Not a date: write it as 2026-01-05.").count()).toBe(1);
    await page.getByTestId("sim-customer-birthday").fill("1979-11-24");
    await expect.poll(() => page.getByLabel("Sample customer").inputValue()).toBe(""); // edited by hand
    await page.getByLabel("Advanced: edit as JSON").check();
    const json = page.getByTestId("sim-json");
    const shown = JSON.parse(await json.inputValue()) as { vars: object; customer: object };
    expect(shown.vars).toMatchObject({ amount: 80000, hasToken: true });
    expect(shown.customer).toMatchObject({ name: "Li Wei", tier: "vip", locale: "en", birthday: "1979-11-24" });
    // Edited as JSON: the form follows.
    await json.fill(JSON.stringify({ ...shown, customer: { ...shown.customer, name: "赵雷", locale: "zh-CN" } }));
    await expect.poll(() => page.getByTestId("sim-customer-name").inputValue()).toBe("赵雷");
    await expect.poll(() => page.getByTestId("sim-customer-locale").inputValue()).toBe("zh-CN");
    await json.fill("{ not json");
    await expect.poll(() => page.getByText("Not JSON yet", { exact: false }).count()).toBe(1);
    await page.getByLabel("Channel").selectOption("chat");
    await page.getByRole("button", { name: "Start simulation" }).click();
    await expect.poll(() => page.getByTestId("sim-status").textContent()).toBe("active · opening");
    // The greeting in the customer's locale (zh-CN), with the name from the JSON.
    await expect.poll(() => page.getByTestId("sim-steps").textContent()).toContain("您好，赵雷");
    await screenshot(page, "first-run-1-simulator-en");
  });

  it("in an empty workspace: the example gallery, then the guided first journey to an answer over the API", async () => {
    const { page } = studio;
    await emptyWorkspace(page, studio.url, "first-run", "First run");
    await expect.poll(() => page.getByTestId("first-run").count()).toBe(1);
    await expect.poll(() => page.getByTestId("example-gallery").locator("li").count()).toBe(7);
    await expect
      .poll(() => page.getByTestId("example-brings-fault-diagnosis").textContent())
      .toBe("Also adds the flow it calls, published, with its scripts: Warranty check (warranty-check).");
    await screenshot(page, "first-run-1-empty-en");
    await walkTheGuide(page, "en");
    await page.goto(`${studio.url}/flows`);
    await expect.poll(() => rows(page)).toBe(1);
    expect(await page.getByTestId("first-run").count()).toBe(0);
    // From the library too: an example becomes a flow with its scripts, and opens in the designer.
    await page.getByRole("button", { name: "Start from an example" }).click();
    await page.getByRole("button", { name: "Use the example Post-contact survey" }).click();
    await page.waitForURL(/\/flows\/post-contact-survey$/);
    await expect.poll(() => page.getByTestId("error-count").textContent()).toBe("0 errors");
  });

  it("the same in Chinese, on another empty workspace", async () => {
    await emptyWorkspace(studio.page, studio.url, "first-run-zh", "首次使用");
    const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    await context.addCookies([
      { name: "journey-locale", value: "zh", url: studio.url },
      ...(await studio.page.context().cookies()).filter((c) => c.name === "journey-workspace"),
    ]);
    const page = await context.newPage();
    await signIn(page, studio.url, TEST_ADMIN);
    await page.goto(`${studio.url}/flows`);
    await expect.poll(() => page.getByTestId("first-run").textContent()).toContain("此工作区还没有流程");
    await expect.poll(() => page.getByTestId("example-gallery").textContent()).toContain("手机转账分层验证");
    await screenshot(page, "first-run-1-empty-zh");
    await walkTheGuide(page, "zh");
    // The simulator's form in Chinese.
    await page.goto(`${studio.url}/flows/my-first-journey`);
    await page.getByRole("tab", { name: "模拟" }).click();
    await expect.poll(() => page.getByText("流程变量").count()).toBe(1);
    await page.getByTestId("sim-customer-birthday").fill("1988-02-30");
    await expect.poll(() => page.getByText("不是日期：请写成 2026-01-05。").count()).toBe(1);
    await screenshot(page, "first-run-4-simulator-zh");
    // An expression's syntax error, and a script's lint, in Chinese.
    await page.getByRole("searchbox", { name: "查找节点" }).fill("amountCheck");
    await page.getByRole("searchbox", { name: "查找节点" }).press("Enter");
    await page.getByRole("tab", { name: "属性" }).click();
    await page.getByLabel("条件").fill("amount >");
    await expect
      .poll(() => page.getByTestId("problems").textContent())
      .toContain("判断“amountCheck”的第 1 条规则（high）：“amount >”在第 9 个字符处有语法错误：“>”后面缺少表达式。");
    await screenshot(page, "first-run-5-expression-zh");
    await page.goto(`${studio.url}/scripts/greeting`);
    const editor = page.getByTestId("variant-editor");
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("请稍候，正在为您查询。".repeat(20)); // too long to say: a lint warning
    const lint = page.getByTestId("lint");
    await expect.poll(() => lint.count()).toBe(1);
    expect(await lint.textContent()).toMatch(/\p{Script=Han}/u);
    expect(await lint.textContent()).not.toMatch(/must carry|segments|does not provide/);
    await screenshot(page, "first-run-6-lint-zh");
    await context.close();
  });
});
