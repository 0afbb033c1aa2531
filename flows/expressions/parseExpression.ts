import jsep from "jsep";

// The surface syntax designers write: `amount > 50000 and customer.tier == "vip"`.
// jsep is configured once, here: word operators beside the symbolic ones, no bitwise operators.
jsep.addBinaryOp("or", 1);
jsep.addBinaryOp("and", 2);
jsep.addBinaryOp("in", 7);
jsep.addUnaryOp("not");
for (const op of ["|", "^", "&", "<<", ">>", ">>>", "===", "!=="]) jsep.removeBinaryOp(op);
jsep.removeUnaryOp("~");

export type ExpressionNode = jsep.Expression;

/** What kind of syntax error, for texts in other languages; `token` is the character or operator it names. */
export type SyntaxErrorKind =
  | "empty"
  | "unexpected"
  | "operand-missing"
  | "unclosed"
  | "unclosed-quote"
  | "expected"
  | "bad-number"
  | "bad-name"
  | "other";

export type ParsedExpression =
  | { ok: true; ast: ExpressionNode }
  | { ok: false; message: string; index: number; kind: SyntaxErrorKind; token?: string };

const cache = new Map<string, ParsedExpression>();
const CACHE_LIMIT = 50_000;

/** Parses an expression; the result is cached, so evaluating the same text again costs no parse. */
export function parseExpression(text: string): ParsedExpression {
  const cached = cache.get(text);
  if (cached) return cached;
  let result: ParsedExpression;
  if (text.trim() === "") {
    result = { ok: false, message: "The expression is empty", index: 0, kind: "empty" };
  } else {
    try {
      result = { ok: true, ast: jsep(text) };
    } catch (error) {
      const { message, index } = describeParseError(error);
      result = { ok: false, message, index, ...syntaxErrorKind(message) };
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}

function describeParseError(error: unknown): { message: string; index: number } {
  if (error instanceof Error) {
    const index = "index" in error && typeof error.index === "number" ? error.index : 0;
    const description =
      "description" in error && typeof error.description === "string" ? error.description : error.message;
    return { message: description, index };
  }
  return { message: String(error), index: 0 };
}

/** jsep's error descriptions, sorted into kinds (the first pattern that matches). */
const syntaxErrorPatterns: [RegExp, SyntaxErrorKind][] = [
  [/^Expected expression after (.+)$/, "operand-missing"],
  [/^missing unaryOp argument$/, "operand-missing"],
  [/^Unclosed quote after "(.*)"$/s, "unclosed-quote"],
  [/^Unclosed (.)$/, "unclosed"],
  [/^Unexpected token (.+)$/, "unexpected"],
  [/^Unexpected "(.+)"$/s, "unexpected"],
  [/^Unexpected (period)$/, "unexpected"],
  [/^Unexpected (.+)$/s, "unexpected"],
  [/^Expected exponent/, "bad-number"],
  [/^Variable names cannot start with a number/, "bad-name"],
  [/^Expected (comma)$/, "expected"],
  [/^Expected (.+)$/, "expected"],
];

function syntaxErrorKind(message: string): { kind: SyntaxErrorKind; token?: string } {
  for (const [pattern, kind] of syntaxErrorPatterns) {
    const match = pattern.exec(message);
    if (!match) continue;
    const token = match[1] === "period" ? "." : match[1] === "comma" ? "," : match[1];
    return token === undefined ? { kind } : { kind, token };
  }
  return { kind: "other" };
}
