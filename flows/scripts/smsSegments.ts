/** GSM 03.38 basic character set (one septet each). */
const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** GSM 03.38 extension table: escape + character, two septets each. */
const GSM7_EXTENDED = "\f^{}\\[~]|€";

const basic = new Set(GSM7_BASIC);
const extended = new Set(GSM7_EXTENDED);

export type SmsEncoding = "gsm7" | "ucs2";
export type SmsCount = {
  encoding: SmsEncoding;
  /** septets (GSM-7) or UTF-16 code units (UCS-2) */
  units: number;
  segments: number;
};

const LIMITS = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
} as const;

/**
 * How an SMS is encoded and how many segments it takes: GSM-7 160 septets, or 153 a segment when
 * concatenated (extension characters such as `€` `{` `[` take two, and are never split across
 * segments); otherwise UCS-2, 70 code units, or 67 a segment (an emoji is two and is never split).
 */
export function countSmsSegments(text: string): SmsCount {
  let gsm = true;
  let septets = 0;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const encoding: SmsEncoding = gsm ? "gsm7" : "ucs2";
  const units = gsm ? septets : text.length;
  const limit = LIMITS[encoding];
  if (units <= limit.single) return { encoding, units, segments: units === 0 ? 0 : 1 };
  // Concatenated: pack greedily, since a two-unit character never straddles a segment boundary.
  let segments = 1;
  let used = 0;
  for (const ch of text) {
    const size = gsm ? (extended.has(ch) ? 2 : 1) : ch.length;
    if (used + size > limit.multi) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments };
}
