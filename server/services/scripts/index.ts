// Scripts, their versions and review.
import "server-only";
export * from "./scriptViews";
export * from "./scriptAccess";
export * from "./scriptQueries";
export * from "./scriptVersionsService";
export * from "./scriptUsage";
export * from "./makeOnlyVariant";
export * from "./scriptCompliance";
export * from "./snippetUsage";
