/** Benchmarks write their figures into BENCHMARKS.md between their own markers, so re-runs replace them. */
import { readFileSync } from "fs";
import { join } from "path";
import { writeFileAtomic } from "../cli/files";

/**
 * Replaces the block between `<!-- name:begin -->` and `<!-- name:end -->` with markdown, or, the
 * first time, appends `section` and the block at the end of the file.
 */
export function recordBenchmark(name: string, section: string, markdown: string): void {
  const file = join(__dirname, "..", "BENCHMARKS.md");
  const text = readFileSync(file, "utf8");
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${begin}\n${markdown}\n${end}`;
  const next =
    text.includes(begin) && text.includes(end)
      ? text.slice(0, text.indexOf(begin)) + block + text.slice(text.indexOf(end) + end.length)
      : `${text.replace(/\s*$/, "")}\n\n${section}\n\n${block}\n`;
  writeFileAtomic(file, next); // a benchmark stopped mid-write must not cut the file
}
