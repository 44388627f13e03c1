/** The command line's words: the command, positional arguments, and --flags (with a value unless boolean). */

/** Flags that take no value, so the word after them is not swallowed. */
const BOOLEAN_FLAGS = ['--json', '--ascii', '--dry-run', '--accept-all', '--force', '--allow-duplicate'];

export interface ParsedArgs {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command = '', ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg.startsWith('--')) {
      const next = rest[i + 1];
      if (next !== undefined && !next.startsWith('--') && !BOOLEAN_FLAGS.includes(arg)) {
        flags.set(arg.slice(2), next);
        i++;
      } else flags.set(arg.slice(2), true);
    } else positional.push(arg);
  }
  return { command, positional, flags };
}
