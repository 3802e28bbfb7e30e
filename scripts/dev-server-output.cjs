/*
 * What `npm start` shows of webpack-dev-server's output (scripts/start.mjs pipes the server's stdout and
 * stderr through it, one line at a time). Without it a first build printed nothing for up to a minute
 * but "wait until bundle finished" once per second (each of start.mjs's readiness checks) and then
 * pages of asset sizes, so the server looked hung. With it:
 *  - one "Building the add-in" line with the percentage and the phase (on a terminal, updated in
 *    place; in a log, one line per phase), then "Built in N s";
 *  - rebuilds after a saved change: "Rebuilding after a change..." then "Rebuilt in N s";
 *  - errors and warnings (webpack's and the server's) shown as they come, with what to do;
 *  - the server's informational lines (its addresses, "wait until bundle finished", the shutdown
 *    notice) dropped: start.mjs prints the address once the page answers.
 * The server runs with `--progress --stats errors-warnings`, which is what the patterns below read.
 * CommonJS, so that the jest tests can require it (test/devServerOutput.test.ts).
 */

/** webpack's ProgressPlugin: "<s> [webpack.Progress] 54% building 4/5 entries ..." */
const PROGRESS = /^<s> \[webpack\.Progress\] (\d+)%\s*(.*)$/;
/** The stats line of a finished build (--stats errors-warnings). */
const COMPILED = /^webpack(?: [\d.]+)? compiled( successfully| with (\d+) errors?)?/;
/** Informational lines of the server and its middleware: dropped. */
const QUIET = /^<i> \[webpack-dev-(server|middleware)\]/;

/** A readable name for the build's phase, from the ProgressPlugin message; null: no change. */
function phaseOf(percent, message) {
  if (percent >= 95) return "finishing";
  if (/TerserPlugin/.test(message)) return "minifying";
  const word = message.split(" ")[0];
  if (word === "setup") return "starting";
  if (word === "building") return "compiling";
  if (word === "sealing") return "optimizing";
  return null;
}

/**
 * @param {{ write(text: string): void, isTTY: boolean, now?: () => number }} options
 *   write: where the lines go (stdout); isTTY: update the progress line in place.
 */
function createDevServerOutput({ write, isTTY, now = Date.now }) {
  let started = now(); // the current build's start
  let building = true; // npm start begins with the first build
  let firstBuild = true;
  let phase = "";
  let shownPercent = 0; // webpack's percentage can step back (43%, 42%, 43%): show the highest so far
  let progressShown = false; // a progress line is on screen (terminal only)
  let lastDraw = 0;

  const seconds = () => `${Math.round((now() - started) / 1000)} s`;
  const clearProgress = () => {
    if (progressShown) write("\r\x1b[2K");
    progressShown = false;
  };
  const say = (text) => {
    clearProgress();
    write(`${text}\n`);
  };

  function progress(percent, message) {
    if (!building) {
      // A saved change starts a rebuild (the watcher's "setup watch run"); ignore the cache's idle steps.
      if (!/^setup/.test(message)) return;
      building = true;
      started = now();
      phase = "";
      shownPercent = 0;
      say("Rebuilding after a change...");
    }
    if (!firstBuild) return; // rebuilds take seconds: their start and end lines are enough
    const next = phaseOf(percent, message) ?? phase;
    shownPercent = Math.max(shownPercent, percent);
    if (isTTY) {
      if (now() - lastDraw < 200 && next === phase) return;
      lastDraw = now();
      phase = next;
      write(`\r\x1b[2K  ${shownPercent}% ${phase} (${seconds()})`);
      progressShown = true;
    } else if (next !== phase) {
      phase = next;
      write(`  ${shownPercent}% ${phase} (${seconds()})\n`);
    }
  }

  function compiled(errors) {
    if (!building) return;
    building = false;
    const verb = firstBuild ? "Built" : "Rebuilt";
    if (errors > 0) {
      say(`${verb} with ${errors} error${errors === 1 ? "" : "s"} in ${seconds()} (above). Fix and save: the server rebuilds by itself.`);
    } else {
      say(`${verb} in ${seconds()}.`);
    }
    firstBuild = false;
  }

  return {
    /** One line of the server's output. */
    line(text) {
      const p = PROGRESS.exec(text);
      if (p) return progress(Number(p[1]), p[2]);
      if (QUIET.test(text)) return;
      const c = COMPILED.exec(text);
      if (c) return compiled(c[2] === undefined ? 0 : Number(c[2]));
      if (text.trim() === "") return; // the stats' blank separators
      say(text);
    },
    /** Clears the progress line before start.mjs prints its own lines. */
    clear: clearProgress,
  };
}

module.exports = { createDevServerOutput, phaseOf };
