/** Command-line flags shared by the commands: `--flag value` or `--flag=value`, nothing positional. */

export class UsageError extends Error {}

/**
 * Calls onFlag(flag, value) for each flag in argv, in order; value() reads the flag's value (the
 * text after "=", or the next argument). Unknown flags are the callback's to reject.
 */
export function eachFlag(argv: string[], onFlag: (flag: string, value: () => string | undefined, raw: string) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.indexOf("=");
    const inline = raw.startsWith("--") && eq > 0;
    const flag = inline ? raw.slice(0, eq) : raw;
    onFlag(flag, () => (inline ? raw.slice(eq + 1) : argv[++i]), raw);
  }
}

/** A file name flag's value, or a usage error naming the flag. */
export function fileName(flag: string, text: string | undefined): string {
  if (!text) throw new UsageError(`${flag} needs a file name`);
  return text;
}

/** An integer flag's value in [min, max], or a usage error naming the flag and the range. */
export function integerFlag(flag: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined || !/^\d+$/.test(text)) throw new UsageError(`${flag} needs an integer; got ${text ?? "nothing"}`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${flag} must be from ${min} to ${max}; got ${text}`);
  return n;
}
