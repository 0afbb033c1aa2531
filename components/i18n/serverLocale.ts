import { cookies, headers } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "./messages";
import type { Locale } from "./messages";

/** The locale of a request: the cookie the switcher sets, else the browser's first language. */
export async function serverLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const accept = (await headers()).get("accept-language") ?? "";
  return accept.toLowerCase().startsWith("zh") ? "zh" : "en";
}
