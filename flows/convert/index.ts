// Bringing flows from Twilio Studio and Amazon Connect (CONTRACT §10).
export { convertFlow, detectFormat } from "./convertFlow";
export { reasonCodes, sourceFormats } from "./conversionTypes";
export type {
  ConversionReportItem,
  ConversionResult,
  ConversionStats,
  ConversionSuccess,
  ConvertOptions,
  ReasonCode,
  SourceFormat,
} from "./conversionTypes";
export { twilioWidgetConverters } from "./twilio/convertTwilio";
export { connectActionConverters } from "./connect/convertConnect";
