// The script document lives in flows/schema/ (versioned, with migrations); kept here for the imports
// that name it from flows/scripts.
export * from "../schema/scriptDocument";
export { parseScriptDocument, parseScriptDocumentOrThrow, migrateScriptDocument } from "../schema/parseScriptDocument";
