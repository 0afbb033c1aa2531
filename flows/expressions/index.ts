export { parseExpression } from "./parseExpression";
export type { ExpressionNode, ParsedExpression } from "./parseExpression";
export { evaluateExpression, expressionIsTrue, jsonEquals } from "./evaluateExpression";
export type { ExpressionScope } from "./evaluateExpression";
export { checkExpression, referencedVariables } from "./checkExpression";
export { expressionFunctionNames } from "./functions";
export type { JsonValue, JsonObject } from "./jsonValue";
