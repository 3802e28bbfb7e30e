// Prettier: Microsoft's shared config for Office add-ins (office-addin-prettier-config, as the Yeoman
// templates use it), with this project's line width and trailing commas (Prettier 3's default)
// instead of its 100 and "es5". `npm run prettier` checks, `npm run prettier:fix` rewrites.
module.exports = {
  ...require("office-addin-prettier-config"),
  printWidth: 140,
  trailingComma: "all",
};
