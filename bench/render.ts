// Renders per second per channel, against a bare liquidjs render of the same text in the same run.
// Run: npx tsx bench/render.ts   (one process, one core)
// Target: at least 50,000 SMS renders/s and at least half of bare liquidjs.
import { Liquid } from "liquidjs";
import { renderScript } from "../flows/scripts/renderScript";
import { parseScriptDocument, type ScriptChannel } from "../flows/scripts/scriptDocument";

const parsed = parseScriptDocument({
  schema: "journey-studio/script@1",
  key: "bench",
  name: "Bench",
  variants: [
    {
      channel: "sms",
      locale: "zh-CN",
      text: "【客服中心】{{ customer.name | default: '尊敬的客户' }}，您的账单{{ amount }}元已出，请于{{ due }}前缴费。回T退订",
    },
    {
      channel: "voice",
      locale: "zh-CN",
      text: "您好{{ customer.name }}，[pause 300ms] 您的账单**{{ amount }}元**已出，请于{{ due }}前缴费。",
    },
    {
      channel: "email",
      locale: "zh-CN",
      subject: "您的账单已出，{{ customer.name }}",
      text: "**{{ customer.name }}**，您好：\n\n您的账单{{ amount }}元已出。{% if customer.tier == 'vip' %}VIP 客户可享分期免息。{% endif %}\n\n[在线缴费](https://pay.example.com/b/{{ customer.id }})",
    },
    {
      channel: "chat",
      locale: "zh-CN",
      text: "{{ customer.name }}您好，您的账单**{{ amount }}元**已出，[点此缴费](https://pay.example.com/b/{{ customer.id }})。",
    },
    {
      channel: "app",
      locale: "zh-CN",
      title: "账单已出",
      text: "{{ customer.name }}，您的账单{{ amount }}元已出，请于{{ due }}前缴费。",
    },
  ],
});
if (!parsed.ok) throw new Error(parsed.message);
const doc = parsed.document;

const contexts = [
  { customer: { name: "王女士", tier: "vip", id: "c-1" }, amount: 1280, due: "6月30日" },
  { customer: { name: "李先生", tier: "normal", id: "c-2" }, amount: 99.5, due: "7月1日" },
  { customer: { id: "c-3" }, amount: 0, due: "7月5日" },
];

const bare = new Liquid();
const ROUNDS = 5;
const ROUND_MS = 300;

/** Calls per second of `fn`, as the median of interleaved timed rounds. */
function rate(fn: (i: number) => unknown): number[] {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ROUND_MS) {
      for (let k = 0; k < 500; k++) fn(n++);
      now = performance.now();
    }
    rates.push((n / (now - start)) * 1000);
  }
  return rates;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US").padStart(10);
console.log(`node ${process.version}, ${ROUNDS} rounds × ${ROUND_MS} ms, median\n`);
console.log("channel      ours/s      bare/s   ratio");
const results: Record<string, { ours: number; bare: number }> = {};
for (const variant of doc.variants) {
  const channel: ScriptChannel = variant.channel;
  // bare: the same Liquid texts the channel needs (body, and the email subject or push title), parsed once
  const texts = [
    variant.text,
    channel === "email" ? variant.subject : undefined,
    channel === "app" ? variant.title : undefined,
  ];
  const templates = texts.filter((t): t is string => t !== undefined).map((t) => bare.parse(t));
  const ours = (i: number) => renderScript(doc, { channel, locale: "zh-CN", context: contexts[i % 3], seed: `i-${i}` });
  const plain = (i: number) => templates.map((t) => bare.renderSync(t, contexts[i % 3]));
  rate(ours);
  rate(plain); // warm up both
  const o: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < 2; r++) {
    o.push(...rate(ours));
    b.push(...rate(plain));
  }
  results[channel] = { ours: median(o), bare: median(b) };
  console.log(`${channel.padEnd(8)} ${fmt(median(o))}  ${fmt(median(b))}   ${(median(o) / median(b)).toFixed(2)}×`);
}

const sms = results.sms;
if (sms) {
  const ok = sms.ours >= 50_000 && sms.ours / sms.bare >= 0.5;
  console.log(`\nSMS target (≥ 50,000/s and ≥ 0.5× bare liquidjs): ${ok ? "met" : "NOT met"}`);
}
