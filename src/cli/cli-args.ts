/**
 * Argument parsing shared by the operator commands: node:util parseArgs with the commands'
 * convention that wrong usage prints the problem and the usage line, then exits with 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** Prints `message` and `usageLine` on stderr and exits with 2 (wrong usage). */
export function exitWithUsage(usageLine: string, message?: string): never {
  if (message) console.error(message);
  console.error(`usage: ${usageLine}`);
  process.exit(2);
}

export function parseCliArgs<O extends CliOptions>(
  argv: string[],
  options: O,
  usageLine: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    // parseArgs says e.g. "Unknown option '--x'" or "Option '--region <value>' argument missing".
    return exitWithUsage(usageLine, (e as Error).message);
  }
}

/** A whole number within [min, max] from an option value, or wrong usage. */
export function wholeNumberOption(
  value: string | undefined,
  fallback: number,
  range: { min: number; max: number; name: string },
  usageLine: string,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    exitWithUsage(usageLine, `${range.name} needs a whole number from ${range.min} to ${range.max}`);
  }
  return n;
}
