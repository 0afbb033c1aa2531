// The canvas's pure side: conversions, outlets, forms, diff and layout. No React here.
export * from "./canvasDocument";
export * from "./nodeOutlets";
export * from "./defaultNodeData";
export * from "./diffFlows";
export * from "./dataFields";
