// A type-level test, checked by `npm run typecheck` and never run: a node type that lacks any part of
// its definition does not compile. Each `@ts-expect-error` below fails the typecheck if the line under
// it ever compiles (for example when a part becomes optional).
import { z } from "zod";
import { flowEffect } from "../compile/flowEffect";
import { DEFAULT_OUTLET, defineNodeType } from "./nodeType";
import type { NodeTypeSpec } from "./nodeType";

const noteSchema = z.looseObject({ script: z.string().min(1, "names no script") });

/** A complete definition of a made-up `note` type: every part the registry asks for. */
const note = {
  type: "note",
  label: "Note",
  description: "Sends a note to the customer and moves on.",
  textKey: "node.note",
  behaviour: "passes",
  dataSchema: noteSchema,
  defaultData: () => ({ script: "" }),
  outlets: () => [DEFAULT_OUTLET],
  requiredOutlets: () => [DEFAULT_OUTLET],
  status: () => "passing",
  step: (data) => ({ script: data.script }),
  scripts: (data, flowChannels) => [{ key: data.script, channels: flowChannels }],
  effects: ["queueMessage"],
  compile: ({ node, data, exit }) => ({
    entry: [flowEffect.queueMessage({ node: node.id, script: data.script, channel: "preferred", fallback: [] })],
    always: exit(DEFAULT_OUTLET),
  }),
} satisfies NodeTypeSpec<"note", typeof noteSchema>;

declare function without<T, K extends keyof T>(value: T, key: K): Omit<T, K>;

defineNodeType(note);

// @ts-expect-error no data schema
defineNodeType(without(note, "dataSchema"));
// @ts-expect-error no outlets
defineNodeType(without(note, "outlets"));
// @ts-expect-error no required outlets
defineNodeType(without(note, "requiredOutlets"));
// @ts-expect-error no compile
defineNodeType(without(note, "compile"));
// @ts-expect-error no step details for the API's `step`
defineNodeType(without(note, "step"));
// @ts-expect-error no scripts (what checkScripts checks)
defineNodeType(without(note, "scripts"));
// @ts-expect-error no effects
defineNodeType(without(note, "effects"));
// @ts-expect-error no default data for the palette
defineNodeType(without(note, "defaultData"));
// @ts-expect-error no palette text key
defineNodeType(without(note, "textKey"));
// @ts-expect-error no status
defineNodeType(without(note, "status"));
// @ts-expect-error a text key that is not the type's own
defineNodeType({ ...note, textKey: "node.message" });
// @ts-expect-error an effect that is not one of the vocabulary
defineNodeType({ ...note, effects: ["sendFax"] });
