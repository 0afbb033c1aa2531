import { z } from "zod";

const styleName = z.string().trim().min(1).max(40);

/**
 * The style a stage or message node wants its script in (a variant's `style`: `empathetic` for an
 * emotion-driven customer, `brisk` for a task), and the styles to try next when no variant has it.
 */
export const styleFields = {
  style: styleName.optional(),
  styleFallback: z.array(styleName).max(5).optional(),
};

/** The wanted styles in order, or nothing when the node names none. */
export function wantedStyles(data: { style?: string; styleFallback?: string[] }): string[] {
  return data.style === undefined ? [] : [data.style, ...(data.styleFallback ?? [])];
}
