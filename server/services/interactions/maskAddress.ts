// Customer addresses as a role that may not read interactions sees them.

/** `+8613800000001` → `+86•••••••••01`; `wang@example.com` → `w•••@example.com`. */
export function maskAddress(address: string): string {
  const at = address.indexOf("@");
  if (at > 0) return `${address.slice(0, 1)}•••${address.slice(at)}`;
  if (address.length <= 4) return "•".repeat(address.length);
  // Short ones keep only their first character: 3 + 2 kept of 5 or 6 would hide nearly nothing.
  if (address.length <= 7) return `${address.slice(0, 1)}${"•".repeat(address.length - 1)}`;
  return `${address.slice(0, 3)}${"•".repeat(address.length - 5)}${address.slice(-2)}`;
}
