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
    // A following flag is not a value: "--replications --json" lacks the number (and keeps --json).
    onFlag(flag, () => (inline ? raw.slice(eq + 1) : argv[i + 1]?.startsWith("--") ? undefined : argv[++i]), raw);
  }
}

/** A file name flag's value, or a usage error naming the flag. */
export function fileName(flag: string, text: string | undefined): string {
  if (!text) throw new UsageError(`${flag} needs a file name`);
  return text;
}

/** An integer flag's value in [min, max], or a usage error naming the flag and the range. */
export function integerFlag(flag: string, text: string | undefined, min: number, max: number): number {
  const range = `from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}`;
  if (text === undefined || text.trim() === "") throw new UsageError(`${flag} needs a whole number ${range}`);
  if (!/^[+-]?\d+$/.test(text.trim())) throw new UsageError(`${flag} needs a whole number ${range}; got ${printable(text)}`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${flag} must be ${range}; got ${printable(text)}`);
  return n;
}

/**
 * Text safe to print on a terminal: control characters (ANSI escape sequences, line breaks, tabs) as
 * visible escapes, so a name from a file cannot move the cursor, recolour or clear the screen.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === "\t" ? "\\t" : c === "\n" ? "\\n" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

/** One flag as the usage line and --help show it. */
export interface FlagHelp {
  /** The flag and its value's placeholder: "--replications N". */
  flag: string;
  /** A required flag is shown bare in the usage line, an optional one in brackets. */
  required?: boolean;
  /** One line: what it does, its range and its default. */
  text: string;
}

/** The arguments that ask for help. */
export const HELP_FLAGS = ["--help", "-h"];

/**
 * True when argv asks for help: --help or -h anywhere wins over every other argument, so that
 * `npm run simulate -- --replications 0 --help` prints the help instead of an error.
 */
export function wantsHelp(argv: string[]): boolean {
  return argv.some((a) => HELP_FLAGS.includes(a));
}

/** Width of the usage line and the help (a line longer than this wraps). */
const LINE_WIDTH = 100;

/**
 * "usage: npm run NAME -- --scenario FILE [--json]": required flags bare, optional ones in brackets;
 * past 100 characters it wraps between flags, indented under the first.
 */
export function usageLine(command: string, flags: FlagHelp[]): string {
  const head = `usage: ${command} --`;
  const indent = " ".repeat(head.length);
  const lines = [head];
  for (const f of flags.map((f) => (f.required ? f.flag : `[${f.flag}]`))) {
    const last = lines[lines.length - 1];
    if (last.length + 1 + f.length > LINE_WIDTH && last !== head && last !== indent) lines.push(indent);
    lines[lines.length - 1] += ` ${f}`;
  }
  return lines.join("\n") + "\n";
}

/** The usage line and where the help is: what a command prints after a bad argument. */
export function usageMessage(command: string, flags: FlagHelp[]): string {
  return usageLine(command, flags) + `${command} -- --help describes every flag\n`;
}

/** The --help text: the usage line, what the command does, one line per flag (and -h), then notes. */
export function helpText(command: string, about: string, flags: FlagHelp[], notes: string[]): string {
  const all = [...flags, { flag: HELP_FLAGS.slice().reverse().join(", "), text: "print this help and exit (exit code 0)" }];
  const width = Math.max(...all.map((f) => f.flag.length));
  return (
    [usageLine(command, flags).trimEnd(), "", about, "", ...all.map((f) => `  ${f.flag.padEnd(width)}  ${f.text}`), "", ...notes].join(
      "\n",
    ) + "\n"
  );
}

/**
 * Runs a command's main with the process's arguments and sets the exit code. An exception is a bug,
 * not bad input (main reports those itself): one line, and the stack when SCM_DEBUG is set.
 */
export function runCommand(name: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(
        `${name}: unexpected error: ${(e as Error).message ?? e}${process.env.SCM_DEBUG ? `\n${(e as Error).stack}` : " (set SCM_DEBUG=1 for details)"}\n`,
      );
      process.exitCode = 1;
    },
  );
}
