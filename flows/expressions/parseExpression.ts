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

export type ParsedExpression = { ok: true; ast: ExpressionNode } | { ok: false; message: string; index: number };

const cache = new Map<string, ParsedExpression>();
const CACHE_LIMIT = 50_000;

/** Parses an expression; the result is cached, so evaluating the same text again costs no parse. */
export function parseExpression(text: string): ParsedExpression {
  const cached = cache.get(text);
  if (cached) return cached;
  let result: ParsedExpression;
  if (text.trim() === "") {
    result = { ok: false, message: "The expression is empty", index: 0 };
  } else {
    try {
      result = { ok: true, ast: jsep(text) };
    } catch (error) {
      const { message, index } = describeParseError(error);
      result = { ok: false, message, index };
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
