import type { CliCommand, CliIo } from "./io";
import { runValidate } from "./commands/validate";
import { runCompile } from "./commands/compile";
import { runSimulate } from "./commands/simulate";

const commands: Record<string, { run: () => Promise<CliCommand>; summary: string }> = {
  validate: { run: async () => runValidate, summary: "validate FILE…                 check flow documents" },
  compile: { run: async () => runCompile, summary: "compile FILE                   print the XState machine config" },
  simulate: { run: async () => runSimulate, summary: "simulate FILE --events F.jsonl run a flow on a simulated clock" },
  render: {
    run: async () => (await import("./commands/render")).runRender,
    summary: "render FILE --channel C        render a script for one channel",
  },
  convert: {
    run: async () => (await import("./commands/convert")).runConvert,
    summary: "convert FILE… [--out DIR]      Twilio Studio / Amazon Connect flows into flow documents",
  },
  import: {
    run: async () => (await import("./commands/import")).runImport,
    summary: "import FILE… [--publish]       load flows and scripts into the app's database",
  },
  export: {
    run: async () => (await import("./commands/export")).runExport,
    summary: "export KEY [--version N]       print a flow document",
  },
  "api-key": {
    run: async () => (await import("./commands/apiKey")).runApiKey,
    summary: "api-key create --name N [--test] create an API key (shown once)",
  },
  workspace: {
    run: async () => (await import("./commands/workspace")).runWorkspace,
    summary: "workspace create SLUG --name N  make a workspace",
  },
  webhook: {
    run: async () => (await import("./commands/webhook")).runWebhook,
    summary: "webhook set --channel C --url U set where a channel's deliveries go",
  },
};

function usage(): string {
  return `usage: journey <command> [options]\n\n${Object.values(commands)
    .map((command) => `  journey ${command.summary}`)
    .join("\n")}\n`;
}

/** Runs one CLI command; returns the exit code. Never lets a stack trace reach the user. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`journey: unknown command "${name}"\n${usage()}`);
    return 1;
  }
  try {
    return await (
      await command.run()
    )(rest, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`journey ${name}: ${message}\n`);
    return 1;
  }
}
