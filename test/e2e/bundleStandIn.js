/*
 * Bundles the Excel stand-in (test/e2e/standinEntry.ts) into one browser script: node
 * test/e2e/bundleStandIn.js OUT_FILE. Run as a child process by the end-to-end test, because webpack
 * cannot run inside jest's module sandbox.
 */
const path = require("path");
const webpack = require("webpack");

const root = path.resolve(__dirname, "../..");
const outFile = path.resolve(process.argv[2]);

webpack(
  {
    mode: "development",
    devtool: false,
    target: "web",
    context: root,
    entry: path.join(root, "test/e2e/standinEntry.ts"),
    output: { path: path.dirname(outFile), filename: path.basename(outFile) },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // office-addin-mock needs only the OfficeApp enum; the package's main module is Node-only.
      // (Resolved from office-addin-mock's own folder, wherever npm put the package.)
      alias: {
        "office-addin-manifest$": require.resolve("office-addin-manifest/lib/officeApp", {
          paths: [path.dirname(require.resolve("office-addin-mock/package.json", { paths: [root] }))],
        }),
      },
    },
    module: { rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } }] },
    performance: { hints: false },
  },
  (err, stats) => {
    if (err || stats.hasErrors()) {
      console.error(err ? err.stack || String(err) : stats.toString("errors-only"));
      process.exit(1);
    }
  },
);
