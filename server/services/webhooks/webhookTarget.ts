// May the studio POST to this URL? Only http(s), no credentials in the URL, and,
// unless the workspace allows it, no private, loopback, link-local or otherwise internal address,
// neither written literally nor behind the hostname (every address it resolves to is checked). The
// same check belongs at delivery time too (DNS can change after saving): `isPublicAddress`.
import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { AppError } from "../../errors/appError";

const internalV4 = new BlockList();
const internalV6 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  internalV4.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["64:ff9b::", 96], // NAT64
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  internalV6.addSubnet(net, prefix, "ipv6");
const mappedV4 = new BlockList();
mappedV4.addSubnet("::ffff:0:0", 96, "ipv6");

/** False for loopback, private, link-local, CGNAT, multicast, documentation and reserved addresses. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return !internalV4.check(address, "ipv4");
  // IPv4-mapped (::ffff:a.b.c.d, also written ::ffff:7f00:1): judged as the IPv4 address.
  if (mappedV4.check(address, "ipv6")) return isPublicAddress(mappedToV4(address));
  return !internalV6.check(address, "ipv6");
}

function mappedToV4(address: string): string {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted?.[1]) return dotted[1];
  const groups = address
    .split(":")
    .slice(-2)
    .map((g) => Number.parseInt(g || "0", 16));
  const [high = 0, low = 0] = groups;
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

export type Resolver = (hostname: string) => Promise<string[]>;

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Returns the normalised URL, or throws WEBHOOK_TARGET_REFUSED with the reason. */
export async function checkWebhookTarget(
  raw: string,
  options: { allowPrivate: boolean; resolve?: Resolver },
): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refuse("Not a URL.", "invalid");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw refuse("Only http:// and https:// targets are allowed.", "scheme");
  if (url.username || url.password)
    throw refuse("Put credentials in the signing secret, not in the URL.", "credentials");
  if (url.hash) url.hash = "";
  if (options.allowPrivate) return url.toString();
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local"))
    throw refuse(`${host} is an internal name.`, "private");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch {
      throw refuse(`${host} does not resolve.`, "unresolved");
    }
  }
  if (addresses.length === 0) throw refuse(`${host} does not resolve.`, "unresolved");
  const internalAddress = addresses.find((a) => !isPublicAddress(a));
  if (internalAddress)
    throw refuse(
      `${host} is a private, loopback or link-local address (${internalAddress}). An admin can allow private targets for this workspace.`,
      "private",
    );
  return url.toString();
}

function refuse(detail: string, reason: string): AppError {
  return new AppError("WEBHOOK_TARGET_REFUSED", { detail, extensions: { reason } });
}
