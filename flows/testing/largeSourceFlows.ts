// Test-only: Twilio and Connect flows at their products' limits (2,000 widgets, 250 actions), generated.

type TwilioState = { name: string; type: string; transitions: unknown[]; properties: { [key: string]: unknown } };

/** A Twilio Studio flow of `widgets` widgets (the trigger included): IVR blocks of nine widget types, chained. */
export function largeTwilioFlow(widgets: number): { states: TwilioState[]; initial_state: string; flags: object } {
  const states: TwilioState[] = [
    {
      name: "Trigger",
      type: "trigger",
      transitions: [{ event: "incomingCall", next: "g0" }, { event: "incomingMessage" }, { event: "incomingRequest" }],
      properties: { offset: { x: 0, y: 0 } },
    },
  ];
  const at = (i: number, row: number) => ({ offset: { x: (i % 20) * 300, y: Math.floor(i / 20) * 1200 + row * 130 } });
  const block = (i: number, last: boolean): TwilioState[] => [
    {
      name: `g${i}`,
      type: "gather-input-on-call",
      transitions: [
        { event: "keypress", next: `s${i}` },
        { event: "speech", next: `s${i}` },
        { event: "timeout", next: `g${i}` },
      ],
      properties: { say: `Menu ${i}: press 1 or 2.`, language: "en-US", timeout: 5, ...at(i, 0) },
    },
    {
      name: `s${i}`,
      type: "split-based-on",
      transitions: [
        { event: "noMatch", next: `p${i}` },
        {
          event: "match",
          next: `v${i}`,
          conditions: [{ friendly_name: "one", type: "equal_to", value: "1", arguments: [`{{widgets.g${i}.Digits}}`] }],
        },
        {
          event: "match",
          next: `h${i}`,
          conditions: [{ friendly_name: "two", type: "equal_to", value: "2", arguments: [`{{widgets.g${i}.Digits}}`] }],
        },
      ],
      properties: { input: `{{widgets.g${i}.Digits}}`, ...at(i, 1) },
    },
    {
      name: `v${i}`,
      type: "set-variables",
      transitions: [{ event: "next", next: `p${i}` }],
      properties: { variables: [{ key: "count", value: "{{flow.variables.count | plus: 1}}" }], ...at(i, 2) },
    },
    {
      name: `h${i}`,
      type: "make-http-request",
      transitions: [
        { event: "success", next: `p${i}` },
        { event: "failed", next: `p${i}` },
      ],
      properties: { method: "GET", url: `https://example.com/${i}`, ...at(i, 3) },
    },
    {
      name: `p${i}`,
      type: "say-play",
      transitions: [{ event: "audioComplete", next: `m${i}` }],
      properties: { say: `You chose {{widgets.g${i}.Digits}}.`, language: "en-US", ...at(i, 4) },
    },
    {
      name: `m${i}`,
      type: "send-message",
      transitions: [{ event: "sent", next: `w${i}` }, { event: "failed" }],
      properties: { body: `Step ${i} done, {{flow.variables.count}} so far.`, ...at(i, 5) },
    },
    {
      name: `w${i}`,
      type: "send-and-wait-for-reply",
      transitions: [
        { event: "incomingMessage", next: `f${i}` },
        { event: "timeout", next: `f${i}` },
        { event: "deliveryFailure" },
      ],
      properties: { body: "Reply to go on.", timeout: "600", ...at(i, 6) },
    },
    {
      name: `f${i}`,
      type: "run-function",
      transitions: [
        { event: "success", ...(last ? {} : { next: `g${i + 1}` }) },
        { event: "fail", next: `q${i}` },
      ],
      properties: { url: `https://example.twil.io/f${i}`, ...at(i, 7) },
    },
    {
      name: `q${i}`,
      type: "enqueue-call",
      transitions: [{ event: "callComplete" }, { event: "failedToEnqueue" }, { event: "callFailure" }],
      properties: { queue_name: `queue-${i}`, ...at(i, 8) },
    },
  ];
  const blocks = Math.floor((widgets - 1) / 9);
  for (let i = 0; i < blocks; i++) states.push(...block(i, i === blocks - 1 && (widgets - 1) % 9 === 0));
  // Fill up to the exact count with messages chained after the last block's function.
  let previous = [...states].reverse().find((s) => s.name.startsWith("f"));
  for (let i = states.length; i < widgets; i++) {
    const name = `x${i}`;
    if (previous?.type === "run-function") previous.transitions[0] = { event: "success", next: name };
    else if (previous) previous.transitions[0] = { event: "sent", next: name };
    const filler = {
      name,
      type: "send-message",
      transitions: [{ event: "sent" }, { event: "failed" }],
      properties: { body: `Filler ${i}.`, offset: { x: 0, y: i * 130 } },
    };
    states.push(filler);
    previous = filler;
  }
  return { states, initial_state: "Trigger", flags: { allow_concurrent_calls: true } };
}

type ConnectAction = { Identifier: string; Type: string; Parameters: object; Transitions: object };

/** An Amazon Connect flow of `count` actions, as exported with the flow in `Content`: blocks of ten actions. */
export function largeConnectFlow(count: number): { ContactFlow: { Name: string; Content: string } } {
  const actions: ConnectAction[] = [];
  const meta: { [id: string]: { position: { x: number; y: number } } } = {};
  const error = (next: string) => [{ NextAction: next, ErrorType: "NoMatchingError" }];
  const add = (Identifier: string, Type: string, Parameters: object, Transitions: object) => {
    actions.push({ Identifier, Type, Parameters, Transitions });
    meta[Identifier] = { position: { x: (actions.length % 10) * 250, y: Math.floor(actions.length / 10) * 200 } };
  };
  const blocks = Math.floor((count - 1) / 10);
  for (let i = 0; i < blocks; i++) {
    const next = i + 1 < blocks ? `menu-${i + 1}` : "bye";
    add(
      `menu-${i}`,
      "GetParticipantInput",
      { Text: `Menu ${i}: press 1 or 2.`, StoreInput: "False", InputTimeLimitSeconds: "5" },
      {
        Conditions: [
          { NextAction: `set-${i}`, Condition: { Operator: "Equals", Operands: ["1"] } },
          { NextAction: `lambda-${i}`, Condition: { Operator: "Equals", Operands: ["2"] } },
        ],
        Errors: [
          { NextAction: `sorry-${i}`, ErrorType: "InputTimeLimitExceeded" },
          { NextAction: `sorry-${i}`, ErrorType: "NoMatchingCondition" },
          { NextAction: "bye", ErrorType: "NoMatchingError" },
        ],
      },
    );
    add(
      `set-${i}`,
      "UpdateContactAttributes",
      { Attributes: { choice: "one", step: String(i) } },
      { NextAction: `say-${i}`, Errors: error("bye") },
    );
    add(
      `say-${i}`,
      "MessageParticipant",
      { Text: `You chose $.Attributes.choice at step $.Attributes.step.` },
      { NextAction: `check-${i}`, Errors: error("bye") },
    );
    add(
      `check-${i}`,
      "Compare",
      { ComparisonValue: "$.Attributes.choice" },
      {
        Conditions: [{ NextAction: `wait-${i}`, Condition: { Operator: "Equals", Operands: ["one"] } }],
        Errors: [{ NextAction: `queue-${i}`, ErrorType: "NoMatchingCondition" }],
      },
    );
    add(
      `wait-${i}`,
      "Wait",
      { TimeLimitSeconds: "30" },
      {
        Conditions: [{ NextAction: `loop-${i}`, Condition: { Operator: "Equals", Operands: ["WaitCompleted"] } }],
        Errors: error("bye"),
      },
    );
    add(
      `loop-${i}`,
      "Loop",
      { LoopCount: "2" },
      {
        Conditions: [
          { NextAction: `wait-${i}`, Condition: { Operator: "Equals", Operands: ["ContinueLooping"] } },
          { NextAction: next, Condition: { Operator: "Equals", Operands: ["DoneLooping"] } },
        ],
      },
    );
    add(
      `lambda-${i}`,
      "InvokeLambdaFunction",
      { LambdaFunctionARN: `arn:aws:lambda:us-east-1:123456789012:function:lookup-${i}` },
      {
        NextAction: `say2-${i}`,
        Errors: error(`sorry-${i}`),
      },
    );
    add(
      `say2-${i}`,
      "MessageParticipant",
      { Text: "Your balance is $.External.balance." },
      { NextAction: next, Errors: error("bye") },
    );
    add(`sorry-${i}`, "MessageParticipant", { Text: "Sorry." }, { NextAction: `queue-${i}`, Errors: error("bye") });
    add(
      `queue-${i}`,
      "TransferContactToQueue",
      {},
      { Errors: [{ ErrorType: "QueueAtCapacity" }, { NextAction: "bye", ErrorType: "NoMatchingError" }] },
    );
  }
  for (let i = actions.length; i < count - 1; i++) {
    const last = actions[actions.length - 1];
    add(`filler-${i}`, "MessageParticipant", { Text: `Filler ${i}.` }, { NextAction: "bye", Errors: [] });
    if (last?.Type === "MessageParticipant" && last.Identifier.startsWith("filler"))
      (last.Transitions as { NextAction?: string }).NextAction = `filler-${i}`;
  }
  add("bye", "DisconnectParticipant", {}, {});
  const flow = {
    Version: "2019-10-30",
    StartAction: "menu-0",
    Metadata: { entryPointPosition: { x: 0, y: 0 }, ActionMetadata: meta },
    Actions: actions,
  };
  return { ContactFlow: { Name: `Generated ${count} actions`, Content: JSON.stringify(flow) } };
}
