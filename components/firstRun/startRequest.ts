// The API call the first-run guide shows: start a published flow with an API key. One description,
// printed as curl for the reader and usable as fetch's arguments (the UI test sends exactly it).

export type StartRequest = { url: string; method: "POST"; headers: Record<string, string>; body: string };

/** A start of `flow` on `channel`; `context` sets some of the flow's variables. */
export function startRequest(
  origin: string,
  apiKey: string,
  flow: string,
  channel: string,
  context: Record<string, unknown> = {},
): StartRequest {
  return {
    url: `${origin.replace(/\/+$/, "")}/api/v1/interactions`,
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ flow, channel, ...(Object.keys(context).length ? { context } : {}) }),
  };
}

/** The request as a curl command a shell runs as it is (single-quoted: nothing in it is expanded). */
export function curlCommand(request: StartRequest): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  return [
    `curl -X ${request.method} ${quote(request.url)}`,
    ...Object.entries(request.headers).map(([name, value]) => `  -H ${quote(`${name}: ${value}`)}`),
    `  -d ${quote(request.body)}`,
  ].join(" \\\n");
}

/** The channel the guide starts on: chat when the flow has it (its answers read as text), else its first. */
export function guideChannel(channels: readonly string[]): string {
  return channels.includes("chat") ? "chat" : (channels[0] ?? "chat");
}
