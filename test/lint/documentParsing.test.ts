// The document-parsing lint rule: outside flows/schema/, documents are read through parseFlowDocument /
// parseScriptDocument, never by parsing the schemas directly (which would skip the migrations).
import { join } from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function restrictedSyntax(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

const direct = {
  "flowDocumentSchema.safeParse": `import { flowDocumentSchema } from "../../flows";\nexport const r = flowDocumentSchema.safeParse({});\n`,
  "flowDocumentSchema.parse": `import { flowDocumentSchema } from "../../flows";\nexport const r = flowDocumentSchema.parse({});\n`,
  "flowDocumentSchema.parseAsync": `import { flowDocumentSchema } from "../../flows";\nexport const r = flowDocumentSchema.parseAsync({});\n`,
  "scriptDocumentSchema.safeParseAsync": `import { scriptDocumentSchema } from "../../flows/scripts";\nexport const r = scriptDocumentSchema.safeParseAsync({});\n`,
  "a renamed import": `import { flowDocumentSchema as schema } from "../../flows";\nexport const r = schema.safeParse({});\n`,
};

describe("no direct parse of the document schemas", () => {
  it.each(Object.entries(direct))("catches %s in a server file", async (_, code) => {
    const messages = await restrictedSyntax(code, "server/services/lintProbe.ts");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/parseFlowDocument|own names/);
  });

  it("catches a direct parse in a component, the CLI, a flows/ module outside flows/schema/ and a test", async () => {
    const code = direct["flowDocumentSchema.safeParse"];
    for (const file of [
      "components/canvas/LintProbe.tsx",
      "cli/lintProbe.ts",
      "flows/validate/lintProbe.ts",
      "test/runtime/lintProbe.test.ts",
    ])
      expect(await restrictedSyntax(code, file), file).toHaveLength(1);
  });

  it("allows parseFlowDocument anywhere, and the schemas' own parse inside flows/schema/", async () => {
    expect(
      await restrictedSyntax(
        `import { parseFlowDocument } from "../../flows";\nexport const r = parseFlowDocument({});\n`,
        "server/services/lintProbe.ts",
      ),
    ).toEqual([]);
    expect(
      await restrictedSyntax(
        `import { flowDocumentSchema } from "./flowDocument";\nexport const r = flowDocumentSchema.safeParse({});\n`,
        "flows/schema/lintProbe.ts",
      ),
    ).toEqual([]);
    // Building on the schema (a test's flow@2) is not a parse.
    expect(
      await restrictedSyntax(
        `import { flowDocumentSchema } from "../../flows";\nexport const s = flowDocumentSchema.extend({});\n`,
        "test/runtime/lintProbe.test.ts",
      ),
    ).toEqual([]);
  });
});
