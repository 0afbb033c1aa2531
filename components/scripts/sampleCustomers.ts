// Sample customers the script preview and the canvas simulator render with: the cases content teams must check (name missing, VIP…).
export type SampleCustomer = { id: string; label: { en: string; zh: string }; context: Record<string, unknown> };

export const sampleCustomers: readonly SampleCustomer[] = [
  {
    id: "typical",
    label: { en: "Typical customer", zh: "普通客户" },
    context: {
      customer: {
        id: "c-1001",
        name: "王芳",
        tier: "standard",
        preferredChannel: "sms",
        locale: "zh-CN",
        birthday: "1988-03-08",
      },
    },
  },
  {
    id: "no-name",
    label: { en: "Name missing", zh: "缺少姓名" },
    context: { customer: { id: "c-1002", tier: "standard" } },
  },
  {
    id: "vip",
    label: { en: "VIP", zh: "VIP 客户" },
    context: {
      customer: {
        id: "c-1003",
        name: "Li Wei",
        tier: "vip",
        preferredChannel: "email",
        locale: "en",
        birthday: "1979-11-23",
      },
    },
  },
  {
    id: "hostile",
    label: { en: "Odd data (markup in name)", zh: "异常数据（姓名含标记）" },
    context: { customer: { id: "c-1004", name: "<b>Eve</b> **bold** [pause 9s]", tier: "standard" } },
  },
];

/** Fills the flow's variables the sample lacks with a visible placeholder, so the preview shows them. */
export function sampleContext(sample: SampleCustomer, flowVariables: readonly string[]): Record<string, unknown> {
  const context: Record<string, unknown> = { ...sample.context };
  for (const name of flowVariables) {
    if (name.startsWith("customer.") || name in context) continue;
    context[name] = `‹${name}›`;
  }
  return context;
}
