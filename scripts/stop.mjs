// npm stop: undo npm start.
//  - Windows, macOS: office-addin-debugging stops the dev server it started and unregisters the
//    sideloaded add-in from desktop Excel.
//  - Everywhere: stop the dev server whose PID npm start recorded in .scm-dev-server.pid.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PID_FILE = join(ROOT, ".scm-dev-server.pid");
const MANIFEST = join(ROOT, "manifest.xml");
const require = createRequire(import.meta.url);

let failed = false;

if (process.platform === "win32" || process.platform === "darwin") {
  const cli = require.resolve("office-addin-debugging/cli.js");
  const { status } = spawnSync(process.execPath, [cli, "stop", MANIFEST], { cwd: ROOT, stdio: "inherit" });
  failed = status !== 0;
}

const pid = existsSync(PID_FILE) ? Number.parseInt(readFileSync(PID_FILE, "utf8"), 10) : NaN;
if (Number.isInteger(pid) && pid > 0) {
  if (isDevServer(pid)) {
    process.kill(pid, "SIGTERM");
    if (!(await exited(pid, 10_000))) {
      console.warn(`The dev server (PID ${pid}) ignored SIGTERM; killing it.`);
      process.kill(pid, "SIGKILL");
      await exited(pid, 5_000);
    }
    console.log(`Stopped the dev server (PID ${pid}).`);
  } else {
    console.log(`The dev server (PID ${pid}) was not running; removing the stale PID file.`);
  }
  rmSync(PID_FILE, { force: true });
} else if (process.platform !== "win32" && process.platform !== "darwin") {
  console.log("No dev server recorded in .scm-dev-server.pid: nothing to stop.");
}

process.exit(failed ? 1 : 0);

function isRunning(processId) {
  try {
    process.kill(processId, 0); // signal 0: existence check only
    return true;
  } catch {
    return false;
  }
}

/** Running, and (where /proc tells) really our webpack dev server, not a process that reused the PID. */
function isDevServer(processId) {
  if (!isRunning(processId)) return false;
  const cmdline = `/proc/${processId}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, "utf8").includes("webpack");
}

async function exited(processId, timeoutMs) {
  for (let waited = 0; waited < timeoutMs; waited += 200) {
    if (!isRunning(processId)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return !isRunning(processId);
}
