/**
 * Files as the commands read and write them: a read is bounded before it starts, a write never
 * leaves a half-written file (it goes to a temporary file in the same folder, renamed over the
 * target only when complete), and every failure is one line a user can act on.
 */
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "fs";
import { basename, dirname, join, resolve } from "path";
import { randomBytes } from "crypto";
import { constants as osConstants } from "os";

/** A file problem worth one line to the user (no stack trace). */
export class FileProblem extends Error {}

const MB = 1024 * 1024;

/** Words for the file-system errors a user can meet, by code. */
function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder, not a file";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "ENOSPC":
      return "the disk is full";
    case "EDQUOT":
      return "the disk quota is used up";
    case "EFBIG":
      return "the file is larger than this system allows (file-size limit)";
    case "EROFS":
      return "the file system is read-only";
    default:
      return code ? `${(e as Error).message}` : String(e);
  }
}

/** The text of a file of at most maxBytes (checked before reading), without a leading UTF-8 byte-order mark. */
export function readTextFile(path: string, maxBytes: number, what = "file"): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new FileProblem(`cannot read ${what} ${path}: it is a folder, not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem(`cannot read ${what} ${path}: ${why(e)}`);
  }
  if (size > maxBytes) {
    throw new FileProblem(`${what} ${path} is ${(size / MB).toFixed(1)} MB, more than the ${maxBytes / MB} MB a ${what} may have`);
  }
  try {
    return stripBom(readFileSync(path, "utf8"));
  } catch (e) {
    throw new FileProblem(`cannot read ${what} ${path}: ${why(e)}`);
  }
}

/** Text without the byte-order mark that some Windows editors put in front of UTF-8. */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * Null when `path` can be written as a new or replaced file, else why not: checked before the work
 * that produces the file, so that a user does not wait for a result that cannot be saved.
 */
export function outPathProblem(path: string, flag = "--out"): string | null {
  const target = resolve(path);
  try {
    if (statSync(target).isDirectory()) return `${flag} ${path} is a folder: name a file inside it`;
  } catch {
    // no such file yet: fine
  }
  const dir = dirname(target);
  let st;
  try {
    st = statSync(dir);
  } catch {
    return `the folder ${dirname(path)} of ${flag} ${path} does not exist: create it, or choose another`;
  }
  if (!st.isDirectory()) return `${flag} ${path}: ${dirname(path)} is a file, not a folder`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `cannot write in the folder ${dirname(path)} of ${flag} ${path}: permission denied`;
  }
  return null;
}

/** Temporary files being written now: removed if the process is interrupted (see onInterrupt). */
const pending = new Set<string>();

/**
 * Writes `data` to `path` all or nothing: into a temporary file beside it (same folder, so the rename
 * is atomic), flushed to disk, then renamed over `path`. On failure the old file is untouched and the
 * temporary file removed; the error is a FileProblem saying what went wrong.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const target = resolve(path);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  pending.add(tmp);
  try {
    const fd = openSync(tmp, "wx", 0o666);
    try {
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      chmodSync(tmp, statSync(target).mode); // a replaced file keeps its permissions
    } catch {
      // a new file: the umask's
    }
    renameSync(tmp, target);
  } catch (e) {
    removeQuietly(tmp);
    throw new FileProblem(
      `could not write ${path}: ${why(e)}; ${existsQuietly(target) ? "the existing file is unchanged" : "nothing was written"}`,
    );
  } finally {
    pending.delete(tmp);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function existsQuietly(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * While `work` runs, Ctrl+C (SIGINT) and SIGTERM call `interrupted` instead of killing the process
 * mid-write: temporary files are removed first. `work` must yield (await) to notice. Returns its result.
 */
export async function withInterrupt<T>(interrupted: (signal: NodeJS.Signals) => void, work: () => Promise<T>): Promise<T> {
  const handler = (signal: NodeJS.Signals) => {
    for (const tmp of pending) removeQuietly(tmp);
    interrupted(signal);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  try {
    return await work();
  } finally {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  }
}

/** Exit code of a run stopped by a signal: 128 + its number, as shells report it. */
export const exitCodeOf = (signal: NodeJS.Signals): number => 128 + (osConstants.signals[signal] ?? 2);

/** What a command that reads one file and writes another needs from the process (tests pass their own). */
export interface FileCommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The file's text; throws FileProblem (one line) when it cannot be read or is too large. */
  readFile(path: string): string;
  exists(path: string): boolean;
  /** Null when the path can be written, else why not (checked before the work starts). */
  outProblem(path: string): string | null;
  /** Writes all or nothing; throws FileProblem (one line) on failure. */
  writeFile(path: string, data: Uint8Array): void;
  /** What the command is doing now, shown on a terminal and erased by null. */
  progress(text: string | null): void;
}

/** The process's own streams and files, reading with `readFile`. */
export function nodeFileCommandIo(readFile: (path: string) => string): FileCommandIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readFile,
    exists: (p) => existsSync(p),
    outProblem: (p) => outPathProblem(p),
    writeFile: writeFileAtomic,
    progress: (text) => process.stderr.isTTY && process.stderr.write(text === null ? "\r\x1b[2K" : `\r\x1b[2K${text}`),
  };
}
