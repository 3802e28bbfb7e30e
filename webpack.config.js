/*
 * Builds the add-in: functions.js (+ functions.json from JSDoc), taskpane.html with the shared runtime.
 * `npm run build -- --env url=https://your.host/path/` also points every URL of dist/manifest.xml at
 * that address, where dist/ is to be hosted (see README, "Deploy for your team"); without it
 * dist/manifest.xml is manifest.xml unchanged (the dev server, https://localhost:3000/).
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { Compilation, sources } = require("webpack");
const { deployBaseUrl, rewriteManifest } = require("./scripts/deploy-url.cjs");

const devServerPort = 3000;

/**
 * Sets the top-level "allowErrorForDataTypeAny": true in the functions.json that
 * CustomFunctionsMetadataPlugin generates (it cannot emit it from JSDoc). Without it (the default is
 * false) the functions cannot receive error values: one #N/A from a lookup in an argument range fails
 * the whole call. With it every `any` parameter (all of ours) receives errors, which the adapters pass
 * through to their own element. Microsoft documents the flag as top-level, not per function
 * (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json#allowerrorfordatatypeany).
 */
class AllowErrorInputsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("AllowErrorInputsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "AllowErrorInputsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) return; // the metadata plugin failed and reported why
        const metadata = JSON.parse(asset.source.source().toString());
        metadata.allowErrorForDataTypeAny = true;
        compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify(metadata, null, 4)));
      });
    });
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  // Microsoft's templates replace a hard-coded urlProd in every production build; here the address
  // is a build argument (checked: https, ends with "/"), and without it the manifest is left as is.
  const deployUrl = env.url === undefined ? undefined : deployBaseUrl(env.url === true ? "" : String(env.url));
  const config = {
    devtool: "source-map",
    entry: {
      functions: "./functions/functions.ts",
      taskpane: "./taskpane/taskpane.ts",
      // The Monte Carlo worker, loaded by the task pane with new Worker("simWorker.js").
      simWorker: "./taskpane/worker/simWorker.ts",
      // The replenishment plan's worker (forecasts, reorder points, the Plan sheet's layout): new Worker("planWorker.js").
      planWorker: "./taskpane/worker/planWorker.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        // The task pane's own code as ES modules, so that webpack can tree-shake Fluent UI (with
        // tsconfig's commonjs it would bundle every Fluent icon: 18 MB instead of about 1 MB).
        {
          test: /\.tsx?$/,
          include: path.resolve(__dirname, "taskpane"),
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } },
        },
        {
          test: /\.tsx?$/,
          exclude: [/node_modules/, path.resolve(__dirname, "taskpane")],
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./functions/functions.ts" }),
      new AllowErrorInputsPlugin(),
      // Shared runtime: the task pane page also hosts the custom functions.
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            ...(deployUrl && { transform: (content) => rewriteManifest(content.toString(), deployUrl) }),
          },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      port: devServerPort,
    },
  };
  // Only `webpack serve` needs the certificates (not build:dev or watch, which would otherwise try to
  // install the localhost CA).
  if (dev && env.WEBPACK_SERVE) {
    const devCerts = require("office-addin-dev-certs");
    config.devServer.server = { type: "https", options: await devCerts.getHttpsServerOptions() };
  }
  return config;
};
