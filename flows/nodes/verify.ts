import { z } from "zod";
import { flowEffect } from "../compile/flowEffect";
import { defineNodeType } from "./nodeType";

export const VERIFIED_OUTLET = "verified";
export const FAILED_OUTLET = "failed";
export const verificationMethods = ["otp", "token", "cvv2", "password", "biometric", "knowledge"] as const;

export const verifyNode = defineNodeType({
  type: "verify",
  label: "Verify identity",
  description: "Layered identity verification at a level (1-3) by the listed methods; waits for the result.",
  textKey: "node.verify",
  behaviour: "waits",
  dataSchema: z.looseObject({
    level: z.number().int().min(1).max(3),
    methods: z.array(z.enum(verificationMethods)).min(1, "needs at least one method"),
  }),
  defaultData: () => ({ level: 1, methods: ["otp" as const] }),
  outlets: () => [VERIFIED_OUTLET, FAILED_OUTLET],
  requiredOutlets: () => [VERIFIED_OUTLET],
  status: () => "active",
  step: () => ({}),
  scripts: () => [],
  effects: ["requestVerification"],
  compile: ({ node, data, exit }) => ({
    entry: [flowEffect.requestVerification({ node: node.id, level: data.level, methods: data.methods })],
    on: {
      "verify.passed": exit(VERIFIED_OUTLET),
      "verify.failed": exit(FAILED_OUTLET),
    },
  }),
});
