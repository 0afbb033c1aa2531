/** Where a command writes; tests pass their own to read the output. */
export type CliIo = { stdout: (text: string) => void; stderr: (text: string) => void };

export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;
