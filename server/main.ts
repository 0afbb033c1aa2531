// The one Node process of Journey Studio (server/startServer.ts):
//
//   tsx server/main.ts             production: serves the `next build` output
//   tsx server/main.ts --dev       Next in development mode (hot reload)
//   tsx server/main.ts --api-only  no Next at all (tests, benchmarks); also JOURNEY_API_ONLY=1
//
// First lets `import "server-only"` load on plain Node (see allowServerOnly.mjs), then starts.
await import("./allowServerOnly.mjs");
await import("./startServer");

export {};
