import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../server/api/root";

// Type-only: what the flows router answers, for the canvas's props.
export type FlowDraft = inferRouterOutputs<AppRouter>["flows"]["get"];
