// The MOT rules of CONTRACT §7, pure: quiet hours in the customer's zone, caps over a window, opt-out words.
export * from "../schema/policyDocument";
export { parsePolicyDocument, segmentNames } from "../schema/parsePolicyDocument";
export { quietHoursEnd } from "./quietHours";
export { checkCaps, windowStart, capApplies, type SentMessage, type CapVerdict } from "./caps";
export { isOptOut, OPT_OUT_WORDS } from "./optOut";
export { decideMessage, spread, DEFER_SPREAD_MS } from "./decideMessage";
export type { MessageDecision, PolicyMessage, PolicyCustomer, PolicyReason } from "./decideMessage";
export { localTime, instantAt } from "./zonedTime";
