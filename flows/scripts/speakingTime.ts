import { toPlainText } from "./toPlainText";
import type { ScriptToken } from "./tokenizeRendered";

/** Speaking rates: Chinese (and other CJK) by characters a second, English and the like by words a minute. */
export type SpeakingRate = { cjkCharsPerSecond: number; wordsPerMinute: number };

/** About 240 字 a minute, a calm service voice, and 150 English words a minute. */
export const defaultSpeakingRate: SpeakingRate = { cjkCharsPerSecond: 4, wordsPerMinute: 150 };

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Seconds a voice script takes to speak: CJK characters and other words at their rates, plus pauses. */
export function speakingSeconds(tokens: readonly ScriptToken[], rate: SpeakingRate = defaultSpeakingRate): number {
  const text = toPlainText(tokens);
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, " ").match(WORD)?.length ?? 0;
  const pauses = tokens.reduce((ms, t) => ms + (t.kind === "pause" ? t.ms : 0), 0);
  return cjk / rate.cjkCharsPerSecond + words / (rate.wordsPerMinute / 60) + pauses / 1000;
}
