const failed = /fail|error|maxFailedAttempts|validation|atcapacity|noMatchingError/i;
const abandoned = /hangup|noAudio|interrupted|timeout|timelimit/i;

/** The outcome of the end a source transition with nowhere to go leads to, judged by its event's name. */
export function outcomeFor(event: string): string {
  if (failed.test(event)) return "failed";
  if (abandoned.test(event)) return "abandoned";
  return "resolved";
}
