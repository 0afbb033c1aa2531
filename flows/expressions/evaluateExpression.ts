import type { ExpressionNode } from "./parseExpression";
import { parseExpression } from "./parseExpression";
import { expressionFunctions } from "./functions";
import type { JsonObject, JsonValue } from "./jsonValue";

/** What an expression can read: the flow's variables, and the customer profile as `customer`. */
export type ExpressionScope = {
  vars: Readonly<Record<string, JsonValue | undefined>>;
  customer: Readonly<Record<string, JsonValue | undefined>>;
};

/** Property names that lead to JavaScript internals; reading them always yields null. */
const forbiddenKeys = new Set([
  "__proto__",
  "constructor",
  "prototype",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

/**
 * Evaluates an expression. Never throws and never calls into JavaScript: a missing value, a type
 * mismatch or a parse error yields null, so `customer.tier == "vip"` is simply false for a customer
 * without a tier. The validator reports parse errors and unknown names before a flow is published.
 */
export function evaluateExpression(text: string, scope: ExpressionScope): JsonValue {
  const parsed = parseExpression(text);
  if (!parsed.ok) return null;
  return evaluateNode(parsed.ast, scope);
}

/** A rule matches only when its expression is exactly `true`. */
export function expressionIsTrue(text: string, scope: ExpressionScope): boolean {
  return evaluateExpression(text, scope) === true;
}

function evaluateNode(node: ExpressionNode, scope: ExpressionScope): JsonValue {
  switch (node.type) {
    case "Literal":
      return literal(node.value);
    case "Identifier":
      return identifier(String(node.name), scope);
    case "MemberExpression":
      return member(node, scope);
    case "ArrayExpression":
      return (asNodes(node.elements) ?? []).map((element) => evaluateNode(element, scope));
    case "UnaryExpression":
      return unary(String(node.operator), evaluateNode(node.argument as ExpressionNode, scope));
    case "BinaryExpression":
      return binary(node, scope);
    case "ConditionalExpression":
      return evaluateNode(node.test as ExpressionNode, scope) === true
        ? evaluateNode(node.consequent as ExpressionNode, scope)
        : evaluateNode(node.alternate as ExpressionNode, scope);
    case "CallExpression":
      return call(node, scope);
    default:
      return null;
  }
}

function literal(value: unknown): JsonValue {
  if (typeof value === "string" || typeof value === "boolean" || value === null) return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  return null;
}

function identifier(name: string, scope: ExpressionScope): JsonValue {
  if (name === "customer") return toJson(scope.customer);
  return ownValue(scope.vars, name);
}

function member(node: ExpressionNode, scope: ExpressionScope): JsonValue {
  const object = evaluateNode(node.object as ExpressionNode, scope);
  const property = node.property as ExpressionNode;
  const key = node.computed
    ? evaluateNode(property, scope)
    : property.type === "Identifier"
      ? String(property.name)
      : null;
  if (object === null || typeof object !== "object") return null;
  if (Array.isArray(object)) {
    return typeof key === "number" && Number.isInteger(key) && key >= 0 && key < object.length
      ? (object[key] ?? null)
      : null;
  }
  if (typeof key !== "string") return null;
  return ownValue(object, key);
}

function ownValue(object: Readonly<Record<string, JsonValue | undefined>>, key: string): JsonValue {
  if (forbiddenKeys.has(key) || !Object.prototype.hasOwnProperty.call(object, key)) return null;
  return toJson(object[key]);
}

function toJson(value: unknown): JsonValue {
  if (value === undefined || typeof value === "function" || typeof value === "symbol" || typeof value === "bigint")
    return null;
  return value as JsonValue;
}

function unary(operator: string, value: JsonValue): JsonValue {
  switch (operator) {
    case "not":
    case "!":
      return typeof value === "boolean" ? !value : value === null ? true : null;
    case "-":
      return typeof value === "number" ? -value : null;
    case "+":
      return typeof value === "number" ? value : null;
    default:
      return null;
  }
}

function binary(node: ExpressionNode, scope: ExpressionScope): JsonValue {
  const operator = String(node.operator);
  const left = evaluateNode(node.left as ExpressionNode, scope);
  // and/or short-circuit, and treat anything but `true` as false.
  if (operator === "and" || operator === "&&")
    return left === true && evaluateNode(node.right as ExpressionNode, scope) === true;
  if (operator === "or" || operator === "||")
    return left === true || evaluateNode(node.right as ExpressionNode, scope) === true;
  const right = evaluateNode(node.right as ExpressionNode, scope);
  switch (operator) {
    case "==":
      return jsonEquals(left, right);
    case "!=":
      return !jsonEquals(left, right);
    case "<":
    case "<=":
    case ">":
    case ">=":
      return compare(operator, left, right);
    case "+":
      if (typeof left === "number" && typeof right === "number") return finite(left + right);
      if (typeof left === "string" || typeof right === "string") return `${text(left)}${text(right)}`;
      return null;
    case "-":
      return typeof left === "number" && typeof right === "number" ? finite(left - right) : null;
    case "*":
      return typeof left === "number" && typeof right === "number" ? finite(left * right) : null;
    case "/":
      return typeof left === "number" && typeof right === "number" && right !== 0 ? finite(left / right) : null;
    case "%":
      return typeof left === "number" && typeof right === "number" && right !== 0 ? finite(left % right) : null;
    case "in":
      return contains(right, left);
    default:
      return null;
  }
}

function compare(operator: string, left: JsonValue, right: JsonValue): boolean {
  const comparable =
    (typeof left === "number" && typeof right === "number") || (typeof left === "string" && typeof right === "string");
  if (!comparable) return false;
  switch (operator) {
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    default:
      return left >= right;
  }
}

function contains(container: JsonValue, item: JsonValue): boolean {
  if (Array.isArray(container)) return container.some((element) => jsonEquals(element, item));
  if (typeof container === "string") return typeof item === "string" && container.includes(item);
  if (container !== null && typeof container === "object") {
    return (
      typeof item === "string" && !forbiddenKeys.has(item) && Object.prototype.hasOwnProperty.call(container, item)
    );
  }
  return false;
}

function call(node: ExpressionNode, scope: ExpressionScope): JsonValue {
  const callee = node.callee as ExpressionNode;
  if (callee.type !== "Identifier") return null;
  const name = String(callee.name);
  if (!Object.prototype.hasOwnProperty.call(expressionFunctions, name)) return null;
  const fn = expressionFunctions[name];
  if (!fn) return null;
  const args = (asNodes(node.arguments) ?? []).map((argument) => evaluateNode(argument, scope));
  return fn(...args);
}

export function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => jsonEquals(item, b[i] ?? null))
    );
  }
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && jsonEquals(a[key] ?? null, b[key] ?? null))
  );
}

function finite(value: number): JsonValue {
  return Number.isFinite(value) ? value : null;
}

function text(value: JsonValue): string {
  if (value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function asNodes(value: unknown): ExpressionNode[] | undefined {
  return Array.isArray(value)
    ? value.filter((item): item is ExpressionNode => item !== null && typeof item === "object")
    : undefined;
}

export type { JsonObject };
