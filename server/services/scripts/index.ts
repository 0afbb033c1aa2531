// Server-only module: scripts, their versions and review.
export * from "./scriptViews";
export * from "./scriptAccess";
export * from "./scriptQueries";
export * from "./scriptVersionsService";
