// .
import "server-only";
/** The slug of the workspace a fresh install creates, and the CLI's default `--workspace`. */
export const DEFAULT_WORKSPACE_SLUG = "default";
