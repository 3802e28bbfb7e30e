/**
 * What `npm start` prints of webpack-dev-server's output (scripts/dev-server-output.cjs): progress and
 * "Built in N s" instead of a minute of "wait until bundle finished" lines; errors shown with what to
 * do; rebuilds announced. The lines fed here are the server's own (`webpack serve --progress --stats
 * errors-warnings`, webpack 5, webpack-dev-server 5), abridged.
 */
const { createDevServerOutput } = require("../scripts/dev-server-output.cjs");

function run(lines: string[], isTTY = false): string {
  let out = "";
  let clock = 0;
  const output = createDevServerOutput({ write: (t: string) => (out += t), isTTY, now: () => clock });
  for (const line of lines) {
    const tick = /^@(\d+)$/.exec(line); // "@12": the clock is now 12 s after the start
    if (tick) clock = Number(tick[1]) * 1000;
    else output.line(line);
  }
  output.clear();
  return out;
}

const firstBuild = [
  "<s> [webpack.Progress] 3% setup watch run webpack-cli",
  "<i> [webpack-dev-server] Project is running at:",
  "<i> [webpack-dev-server] Loopback: https://localhost:3000/, https://[::1]:3000/",
  "<i> [webpack-dev-server] Content not from webpack is served from '/work/main/dist' directory",
  "<s> [webpack.Progress] 10% building 0/1 entries 0/0 dependencies 0/0 modules",
  ...Array.from({ length: 13 }, () => "<i> [webpack-dev-middleware] wait until bundle finished: /taskpane.html"),
  "@5",
  "<s> [webpack.Progress] 54% building 4/5 entries 6164/6200 dependencies 1415/2244 modules",
  "<s> [webpack.Progress] 53% building 4/5 entries 6164/6300 dependencies 1415/2300 modules", // it can step back
  "<s> [webpack.Progress] 70% sealing finish module graph ResolverCachePlugin",
  "@7",
  "<s> [webpack.Progress] 92% sealing asset processing TerserPlugin",
  "@17",
  "<s> [webpack.Progress] 95% emitting emit",
  "<s> [webpack.Progress] 99% cache store build dependencies",
  "<s> [webpack.Progress] 100% ",
  "webpack compiled successfully",
];

test("a first build: one line per phase and 'Built in', no server chatter", () => {
  expect(run(firstBuild)).toBe(
    [
      "  3% starting (0 s)",
      "  10% compiling (0 s)",
      "  70% optimizing (5 s)",
      "  92% minifying (7 s)",
      "  95% finishing (17 s)",
      "Built in 17 s.",
      "",
    ].join("\n"),
  );
});

test("on a terminal the progress line is redrawn in place and erased before the next message", () => {
  const out = run(firstBuild, true);
  expect(out).toContain("\r\x1b[2K  54% compiling (5 s)");
  expect(out).toMatch(/\r\x1b\[2KBuilt in 17 s\.\n$/);
  expect(out).not.toMatch(/wait until bundle finished|webpack-dev-server|53%/);
});

test("a rebuild after a change is announced, and an error is shown with what to do", () => {
  const out = run([
    ...firstBuild,
    "<s> [webpack.Progress] 99% cache begin idle", // after the build: not a new one
    "@40",
    "<s> [webpack.Progress] 1% cache end idle",
    "<s> [webpack.Progress] 3% setup watch run webpack-cli",
    "<s> [webpack.Progress] 54% building 4/5 entries",
    "",
    "ERROR in ./functions/functions.ts 12:3",
    "Module parse failed: Unexpected token",
    "",
    "@43",
    "webpack compiled with 1 error",
    "<w> [webpack-dev-server] a warning of the server is shown",
    "@50",
    "<s> [webpack.Progress] 3% setup watch run",
    "@52",
    "webpack compiled successfully",
    "<i> [webpack-dev-server] Gracefully shutting down. To force exit, press ^C again. Please wait...",
  ]);
  expect(out.split("Built in 17 s.\n")[1]).toBe(
    [
      "Rebuilding after a change...",
      "ERROR in ./functions/functions.ts 12:3",
      "Module parse failed: Unexpected token",
      "Rebuilt with 1 error in 3 s (above). Fix and save: the server rebuilds by itself.",
      "<w> [webpack-dev-server] a warning of the server is shown",
      "Rebuilding after a change...",
      "Rebuilt in 2 s.",
      "",
    ].join("\n"),
  );
});
