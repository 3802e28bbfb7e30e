/* npm run bench: runs every bench/*.bench.ts in turn; each prints its own figures against a baseline measured in the same run. */
import { readdirSync } from "fs";
import { join } from "path";

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => !only || f.includes(only))
    .sort();
  for (const f of files) {
    console.log(`\n## ${f}`);
    // require, not import(): the benches run under tsx's CommonJS hook only (package.json), whose
    // engine runs some 15% faster than under its ESM loader hooks (BENCHMARKS.md).
    const mod = require(join(__dirname, f));
    await mod.run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
