import type { ScriptChannel } from "./scriptDocument";
import { countSmsSegments, type SmsEncoding } from "./smsSegments";
import { toEmailHtml } from "./toEmailHtml";
import { toMarkdownText } from "./toMarkdownText";
import { linkInParentheses, toPlainText } from "./toPlainText";
import { toSsml } from "./toSsml";
import type { ScriptToken } from "./tokenizeRendered";

/** How text channels carry the light markup: kept as text (`**b**`, `[t](u)`) or flattened. */
export type TextMarkup = "markdown" | "plain";

/** What a channel receives, before the common fields (channel, locale, subject, title) are added. */
export type ChannelOutput = { body: string; text?: string; segments?: number; encoding?: SmsEncoding };

type ChannelRenderer = (body: readonly ScriptToken[], markup: TextMarkup | undefined) => ChannelOutput;

const textChannel =
  (defaultMarkup: TextMarkup): ChannelRenderer =>
  (body, markup) => ({
    body: (markup ?? defaultMarkup) === "markdown" ? toMarkdownText(body) : toPlainText(body).trim(),
  });

/**
 * One renderer per channel; the `Record` makes a new channel that lacks one fail to compile.
 * `chat` and `video` (its chat panel) clients render the light markup; WeChat text messages, app
 * pushes and social DMs show characters as they are, so their markup is flattened by default (a
 * customer would otherwise see the asterisks). `textMarkup` overrides this per call.
 */
export const channelRenderers: Record<ScriptChannel, ChannelRenderer> = {
  sms: (body) => {
    const text = toPlainText(body).trim();
    const count = countSmsSegments(text);
    return { body: text, segments: count.segments, encoding: count.encoding };
  },
  voice: (body) => ({ body: toSsml(body) }),
  email: (body) => ({ body: toEmailHtml(body), text: toPlainText(body, linkInParentheses).trim() }),
  chat: textChannel("markdown"),
  video: textChannel("markdown"),
  wechat: textChannel("plain"),
  app: textChannel("plain"),
  social: textChannel("plain"),
};
