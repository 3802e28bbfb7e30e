// npm run validate [-- MANIFEST] [-- --production]: office-addin-manifest validate, which sends the
// manifest (default manifest.xml) to Microsoft's validation service (validationgateway.omex.office.net;
// XML manifests have no offline validation). When the service cannot be reached this says so in one
// line and exits with 2, so that an unvalidated manifest never passes for a valid one. The offline
// checks are `npx jest test/manifest.test.ts test/deploy.test.ts`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const TIMEOUT_MS = 60_000;

const args = process.argv.slice(2);
const manifest = args.find((a) => !a.startsWith("-")) ?? "manifest.xml";
const flags = args.filter((a) => a.startsWith("-"));

const cli = require.resolve("office-addin-manifest/cli.js");
const run = spawnSync(process.execPath, [cli, "validate", manifest, ...flags], { encoding: "utf8", timeout: TIMEOUT_MS });
const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;

const unreachable =
  run.error?.code === "ETIMEDOUT" ||
  /Unable to contact the manifest validation service|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up/.test(
    output,
  );
if (unreachable) {
  const reason =
    run.error?.code === "ETIMEDOUT" ? `no answer in ${TIMEOUT_MS / 1000} s` : (/\b(E[A-Z_]+)\b/.exec(output)?.[1] ?? "network error");
  console.error(`validate: ${manifest} was NOT validated: Microsoft's manifest validation service is unreachable from here (${reason}).`);
  process.exit(2);
}
process.stdout.write(output);
process.exit(run.status ?? 1);
