// Request and response schemas of the studio's interactions router: zod only.
import { z } from "zod";

export const listInteractionsInput = z.object({
  flow: z.string().max(100).optional(),
  version: z.number().int().positive().optional(),
  status: z.enum(["active", "waiting", "completed", "failed"]).optional(),
  outcome: z.string().max(100).optional(),
  channel: z.string().max(40).optional(),
  customer: z.string().max(200).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  test: z.boolean().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

const interactionRow = z.object({
  id: z.string(),
  flow: z.string(),
  version: z.number(),
  status: z.string(),
  outcome: z.string().nullable(),
  channel: z.string(),
  customer: z.string().nullable(),
  currentNode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listInteractionsOutput = z.object({ rows: z.array(interactionRow), nextCursor: z.string().nullable() });

export const replayInput = z.object({ id: z.string().min(1).max(100) });

export const replayOutput = z.object({
  interaction: interactionRow.extend({ context: z.record(z.string(), z.unknown()) }),
  document: z.unknown(),
  path: z.array(
    z.object({
      position: z.number(),
      node: z.string(),
      type: z.string(),
      seq: z.number(),
      enteredAt: z.string(),
      leftAt: z.string().nullable(),
      outlet: z.string().nullable(),
      data: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  steps: z.array(
    z.object({
      seq: z.number(),
      type: z.string(),
      at: z.string(),
      fromNode: z.string().nullable(),
      toNode: z.string().nullable(),
      data: z.unknown(),
      context: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  messages: z.array(
    z.object({
      id: z.string(),
      node: z.string().nullable(),
      kind: z.string(),
      channel: z.string(),
      address: z.string().nullable(),
      script: z.unknown(),
      subject: z.string().nullable(),
      text: z.string().nullable(),
      status: z.string(),
      reason: z.string().nullable(),
      createdAt: z.string(),
      attempts: z.array(z.object({ at: z.string(), status: z.number().nullable(), error: z.string().nullable() })),
    }),
  ),
});
