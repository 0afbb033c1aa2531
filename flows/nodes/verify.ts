import { z } from "zod";
import { flowEffect } from "../compile/flowEffect";
import { defineNodeType } from "./nodeType";

export const VERIFIED_OUTLET = "verified";
export const FAILED_OUTLET = "failed";
export const verificationMethods = ["otp", "token", "cvv2", "password", "biometric", "knowledge"] as const;
/** The script of the one-time code message when a verify node names none; it reads `{{ code }}`. */
export const DEFAULT_CODE_SCRIPT = "otp-code";
export const DEFAULT_MAX_ATTEMPTS = 3;
/** Sent by the client with the code the customer typed; the runtime decides it (CONTRACT §4). */
export const VERIFY_SUBMITTED_EVENT = "verify.submitted";

export const verifyNode = defineNodeType({
  type: "verify",
  label: "Verify identity",
  description: "Layered identity verification at a level (1-3) by the listed methods; waits for the result.",
  textKey: "node.verify",
  behaviour: "waits",
  dataSchema: z.looseObject({
    level: z.number().int().min(1).max(3),
    methods: z.array(z.enum(verificationMethods)).min(1, "needs at least one method"),
    /** Wrong codes allowed before the failed outlet (one-time codes only). */
    maxAttempts: z.number().int().min(1).max(10).optional(),
    /** The script of the one-time code message (with `otp` among the methods). */
    codeScript: z.string().min(1).optional(),
  }),
  defaultData: () => ({ level: 1, methods: ["otp" as const] }),
  outlets: () => [VERIFIED_OUTLET, FAILED_OUTLET],
  requiredOutlets: () => [VERIFIED_OUTLET],
  status: () => "active",
  step: (data) => ({
    level: data.level,
    methods: [...data.methods],
    ...(data.methods.includes("otp")
      ? { maxAttempts: data.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, codeScript: data.codeScript ?? DEFAULT_CODE_SCRIPT }
      : {}),
  }),
  scripts: () => [],
  effects: ["requestVerification"],
  compile: ({ node, data, path, exit }) => ({
    entry: [
      flowEffect.requestVerification({
        node: node.id,
        level: data.level,
        methods: data.methods,
        ...(data.methods.includes("otp")
          ? {
              path,
              maxAttempts: data.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
              codeScript: data.codeScript ?? DEFAULT_CODE_SCRIPT,
            }
          : {}),
      }),
    ],
    on: {
      "verify.passed": exit(VERIFIED_OUTLET),
      "verify.failed": exit(FAILED_OUTLET),
    },
  }),
});
