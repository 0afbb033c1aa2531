// The script editor round-trips every construct the renderer knows — chips with defaults and formats, conditions,
// links, pauses, bold, line breaks, lists — through save and reload without change, over generated
// documents. Save is the editor's JSON through cleanDoc and the script schema (what saveDraft stores);
// reload is the stored JSON loaded into the editor's ProseMirror schema (built from the very extension
// list the editor mounts) and read back, as Tiptap's setContent and getJSON do.
import { getSchema } from "@tiptap/core";
import { Node as PmNode } from "@tiptap/pm/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScriptDocument } from "../../flows/scripts/scriptDocument";
import type { ScriptDocument, TiptapMark, TiptapNode } from "../../flows/scripts/scriptDocument";
import { renderScript } from "../../flows/scripts/renderScript";
import { chipFormatNames } from "../../flows/scripts/chipFormats";
import { scriptEditorExtensions } from "../../components/scripts/scriptEditorExtensions";
import { variantDoc } from "../../components/scripts/scriptDraftEdits";
import { cleanDoc } from "../../components/scripts/variableChipText";

const schema = getSchema(scriptEditorExtensions({ items: () => [] }));

/** Loads a stored body into the editor's schema and reads it back as the editor's onUpdate does. */
function reload(doc: TiptapNode): TiptapNode {
  const node = PmNode.fromJSON(schema, doc);
  node.check();
  return cleanDoc(node.toJSON() as TiptapNode);
}

function save(doc: ScriptDocument): ScriptDocument {
  const parsed = parseScriptDocument(JSON.parse(JSON.stringify(doc)));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.document;
}

// Text that is not markup the renderer reads by itself (no `{{`, `{%`, sentinels); Chinese and domains.
const word = fc.constantFrom(
  "您好",
  "尊敬的",
  "客户",
  "Hello",
  "see",
  "www.example.com",
  "customer.name",
  "，",
  "!",
  "20%",
);
const plain = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
const variableName = fc.constantFrom("customer.name", "customer.tier", "order.id", "amount", "due_date");
const fallback = fc.option(fc.constantFrom("客户", "friend", "it's", '"VIP"'), { nil: undefined });
const href = fc.constantFrom(
  "https://www.example.com/a?b=(1)",
  "mailto:help@example.com",
  "tel:+8610000",
  "http://x.cn",
);
const marks: fc.Arbitrary<TiptapMark[]> = fc
  .record({ bold: fc.boolean(), link: fc.option(href, { nil: undefined }) })
  .map(({ bold, link }) => [
    ...(bold ? [{ type: "bold" }] : []),
    ...(link ? [{ type: "link", attrs: { href: link } }] : []),
  ]);
const withMarks = (n: TiptapNode, m: TiptapMark[]): TiptapNode => (m.length ? { ...n, marks: m } : n);

const inline: fc.Arbitrary<TiptapNode> = fc.oneof(
  fc.tuple(plain, marks).map(([text, m]) => withMarks({ type: "text", text }, m)),
  fc
    .tuple(variableName, fallback, fc.option(fc.constantFrom(...chipFormatNames), { nil: undefined }), marks)
    .map(([name, d, format, m]) =>
      withMarks({ type: "variable", attrs: { name, ...(d ? { default: d } : {}), ...(format ? { format } : {}) } }, m),
    ),
  fc.integer({ min: 1, max: 5000 }).map((ms) => ({ type: "pause", attrs: { ms } })),
  fc.constant({ type: "hardBreak" }),
);

/** Adjacent text with the same marks is one text node in ProseMirror: generate documents that way. */
function joinTexts(nodes: TiptapNode[]): TiptapNode[] {
  const out: TiptapNode[] = [];
  for (const n of nodes) {
    const last = out.at(-1);
    if (last?.type === "text" && n.type === "text" && JSON.stringify(last.marks) === JSON.stringify(n.marks))
      out[out.length - 1] = { ...last, text: (last.text ?? "") + (n.text ?? "") };
    else out.push(n);
  }
  return out;
}

const paragraph = fc
  .array(inline, { minLength: 0, maxLength: 6 })
  .map((content) => (content.length ? { type: "paragraph", content: joinTexts(content) } : { type: "paragraph" }));
const list = fc
  .tuple(fc.constantFrom("bulletList", "orderedList"), fc.array(paragraph, { minLength: 1, maxLength: 3 }))
  .map(([type, items]) => ({ type, content: items.map((p) => ({ type: "listItem", content: [p] })) }));
const simpleBlock = fc.oneof({ weight: 3, arbitrary: paragraph }, { weight: 1, arbitrary: list });
const conditional = fc
  .tuple(variableName, fc.array(simpleBlock, { minLength: 1, maxLength: 3 }))
  .map(([when, content]) => ({ type: "conditional", attrs: { when }, content }));
const body = fc
  .array(fc.oneof({ weight: 3, arbitrary: simpleBlock }, { weight: 1, arbitrary: conditional }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((content): TiptapNode => ({ type: "doc", content }));

const channel = fc.constantFrom("sms", "email", "voice", "chat", "wechat", "app") as fc.Arbitrary<
  ScriptDocument["variants"][number]["channel"]
>;
const scriptDoc: fc.Arbitrary<ScriptDocument> = fc
  .array(fc.tuple(channel, fc.constantFrom("zh-CN", "en"), body), { minLength: 1, maxLength: 3 })
  .map((variants) => ({
    schema: "journey-studio/script@1",
    key: "generated",
    name: "Generated",
    variants: variants.map(([c, locale, doc]) => ({
      channel: c,
      locale,
      ...(c === "email" ? { subject: "Hi" } : {}),
      doc,
    })),
  }));

describe("script editor round trip (property)", () => {
  it("keeps every generated document unchanged through save and reload", () => {
    fc.assert(
      fc.property(scriptDoc, (doc) => {
        const saved = save(doc);
        expect(saved).toEqual(doc);
        const reloaded: ScriptDocument = {
          ...saved,
          variants: saved.variants.map((v) => ({ ...v, doc: reload(variantDoc(v)) })),
        };
        expect(reloaded).toEqual(doc);
        // And a second save of the reloaded document is the first one again.
        expect(save(reloaded)).toEqual(saved);
      }),
      { numRuns: 300 },
    );
  });

  it("renders the reloaded document exactly as the saved one, on every channel", () => {
    fc.assert(
      fc.property(scriptDoc, (doc) => {
        for (const v of doc.variants) {
          const again = { ...doc, variants: [{ ...v, doc: reload(variantDoc(v)) }] };
          const once = { ...doc, variants: [v] };
          const context = { customer: { name: "王芳", tier: "vip" }, amount: 3 };
          expect(renderScript(again, { channel: v.channel, context })).toEqual(
            renderScript(once, { channel: v.channel, context }),
          );
        }
      }),
      { numRuns: 100 },
    );
  });
});
