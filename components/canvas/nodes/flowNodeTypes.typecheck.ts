// A type-level test, checked by `npm run typecheck` and never run: the canvas components and the
// designer's texts are keyed by every registry type, so a node type without either does not compile.
import { flowNodeTypes } from "./flowNodeTypes";
import type { FlowNodeComponents } from "./flowNodeTypes";
import { designer } from "../../i18n/messages/designer";
import type { NodeTypeTexts } from "../../i18n/messages/designer";

declare function without<T, K extends keyof T>(value: T, key: K): Omit<T, K>;

export const everyComponent: FlowNodeComponents = flowNodeTypes;
// @ts-expect-error no canvas component for survey nodes
export const componentMissing: FlowNodeComponents = without(flowNodeTypes, "survey");
// A component for another type's node does not take its place.
// @ts-expect-error the ask component in the survey slot
export const componentSwapped: FlowNodeComponents = { ...flowNodeTypes, survey: flowNodeTypes.ask };

export const everyText: NodeTypeTexts = designer.en;
// @ts-expect-error no designer text for survey nodes
export const textMissing: NodeTypeTexts = without(designer.en, "node.survey");
