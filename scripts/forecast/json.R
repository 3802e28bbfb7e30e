# The JSON writer shared by the fixture scripts in this directory (make-fixtures.R,
# make-ets-fixtures.R, make-ets-detail-fixtures.R), which source() it:
#
#   source(file.path(dirname(script_file), "json.R"))
#
# - to_json(x): a list with names is an object, without names an array (two-space indent, one item a
#   line); a character vector of length 1 is a string, otherwise (or wrapped in I()) an array of
#   strings; TRUE/FALSE of length 1 is a boolean; numbers go through num_json(), a number of length 1
#   is a number, otherwise (or wrapped in I()) an array. NA and non-finite numbers are null.
# - vec(x): I(as.numeric(x)), so that a numeric vector is written as an array even of length 1.
# - num_json(x): each number with the fewest of 15, 16 or 17 significant digits that reads back as the
#   same double (jsonlite's toJSON(digits = NA) stops at 15 digits, which does not round-trip).
#   to_json() looks num_json up when it is called, so a script that defines its own num_json after
#   sourcing this file (make-fixtures.R: always 17 digits) gets its own.
#
# Needs jsonlite (toJSON for strings and keys).

num_json <- function(x) {
  vapply(x, function(v) {
    if (is.na(v) || !is.finite(v)) return("null")
    exact <- sprintf("%.17g", v)
    for (d in 15:16) {
      s <- sprintf(paste0("%.", d, "g"), v)
      if (sprintf("%.17g", as.numeric(s)) == exact) return(s)
    }
    exact
  }, character(1))
}
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    items <- vapply(x, to_json, character(1), indent = inner)
    if (is.null(names(x))) {
      return(paste0("[\n", inner, paste(items, collapse = paste0(",\n", inner)), "\n", indent, "]"))
    }
    keys <- vapply(names(x), function(k) as.character(jsonlite::toJSON(k, auto_unbox = TRUE)), character(1))
    return(paste0("{\n", inner, paste(paste0(keys, ": ", items), collapse = paste0(",\n", inner)), "\n", indent, "}"))
  }
  if (is.character(x)) {
    s <- vapply(x, function(v) as.character(jsonlite::toJSON(v, auto_unbox = TRUE)), character(1))
    return(if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ", "), "]") else s)
  }
  if (is.logical(x) && length(x) == 1 && !is.na(x) && !inherits(x, "AsIs")) return(if (x) "true" else "false")
  v <- num_json(as.numeric(x))
  if (length(x) == 1 && !inherits(x, "AsIs")) return(v)
  paste0("[", paste(v, collapse = ", "), "]")
}
vec <- function(x) I(as.numeric(x)) # always an array, even of length 1
