import { parseArgs } from "node:util";
import { withCliDatabase } from "../../server/services/cliDatabase";
import {
  generateWebhookSecret,
  saveWebhook,
  webhookChannels,
  webhookChannelSchema,
  type WebhookChannel,
} from "../../server/services/webhooks/manageWebhooks";
import type { CliIo } from "../io";

const USAGE = "usage: journey webhook set --channel C|all --url URL [--secret S] [--allow-private] [--workspace W]\n";

/**
 * `journey webhook set --channel C --url URL [--secret S] [--allow-private] [--workspace W]`: where the
 * workspace's deliveries for channel C go (`all`: every channel, one secret). Prints the secret once when
 * it generates one.
 */
export async function runWebhook(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      channel: { type: "string" },
      url: { type: "string" },
      secret: { type: "string" },
      "allow-private": { type: "boolean" },
      workspace: { type: "string" },
    },
  });
  const fail = (message: string) => {
    io.stderr(`journey webhook: ${message}\n${USAGE}`);
    return 1;
  };
  if (positionals[0] !== "set" || positionals.length > 1) return fail("the only action is set");
  const { channel, url, secret } = values;
  if (channel === undefined) return fail("--channel is missing");
  if (url === undefined) return fail("--url is missing");
  const parsedChannel = webhookChannelSchema.safeParse(channel);
  if (channel !== "all" && !parsedChannel.success)
    return fail(`--channel "${channel}" is not a channel (one of ${webhookChannels.join(", ")}, or all)`);
  if (secret !== undefined && secret.length < 16) return fail("--secret must be at least 16 characters");
  const channels: readonly WebhookChannel[] = parsedChannel.success ? [parsedChannel.data] : webhookChannels;
  const secretForNew = secret === undefined ? generateWebhookSecret() : undefined;
  const results = await withCliDatabase(values.workspace, async (database, workspaceId) => {
    const saved: Array<{ channel: string; created: boolean }> = [];
    for (const c of channels) {
      const result = await saveWebhook(
        database.db,
        workspaceId,
        { channel: c, url, ...(secret === undefined ? { secretForNew } : { secret }) },
        { actor: { type: "system", label: "cli" }, allowPrivate: values["allow-private"] === true },
      );
      saved.push({ channel: c, created: result.secret !== null });
    }
    return saved;
  });
  for (const r of results) io.stderr(`webhook ${r.channel}: ${r.created ? "created" : "updated"} → ${url}\n`);
  if (secretForNew !== undefined && results.some((r) => r.created)) {
    io.stderr("Its signing secret is shown only this once:\n");
    io.stdout(`${secretForNew}\n`);
  }
  return 0;
}
