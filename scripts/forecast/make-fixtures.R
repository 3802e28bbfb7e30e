#!/usr/bin/env Rscript
# Reference values for the forecasting methods with GIVEN parameters (src/forecast/, ARCHITECTURE.md
# section 12.1): R's forecast package run on series that ship with R and on intermittent series built
# here without random numbers. The output is test/fixtures/forecast/given.json, read by
# test/forecast/given.test.ts (every method to 1e-9), which also reruns this script when Rscript is
# on PATH and checks that the committed file equals its output.
#
#   Rscript scripts/forecast/make-fixtures.R [output.json]
#
# Needs (Debian): apt-get install -y r-cran-forecast r-cran-jsonlite
#
# What each method is in R (forecast 8.20, the Debian package; source read at the upstream commit
# "Preparing for 8.20 cran release": R/HoltWintersNew.R, R/etsforecast.R, R/forecast2.R, R/naive.R):
# - ses / holt / hw with initial = "simple" call HoltWintersZZ() (R/HoltWintersNew.R), which sets
#   the initial states (lines 48-69) and filters from period 1 (zzhw(), lines 264-380), then
#   forecast.ets() on its "ets" object (R/etsforecast.R: class1() for additive models, class3() for
#   the multiplicative season, whose mean beyond one season depends on sigma2).
# - holt(damped = TRUE, initial = "simple") is NOT a simple-initialised damped model: holt() sends
#   every damped call to ets() (optimised initial states) and only warns. The damped reference here
#   is therefore forecast(HoltWintersZZ(y, alpha, beta, gamma = FALSE, phi = phi), h): the code path
#   holt(initial = "simple") takes, with phi passed through (zzhw() supports phi).
# - croston() (R/forecast2.R croston2()): ses(initial = "simple") on the non-zero values and on the
#   intervals between them, the first interval counted from the start of the series; fitted value
#   t + 1 = croston2 of the first t values (NA for period 1).
# - SBA is croston() times (1 - alpha / 2) (Syntetos & Boylan 2005); TSB (Teunter, Syntetos & Babai
#   2011) has no implementation in the forecast package: tsb_reference() below is the method written
#   out in R, with the initial states of tsintermittent::tsb(init = "naive") (z0 = first non-zero
#   demand, p0 = 1 if period 1 has demand, else 0).
# - moving average: mean(tail(y, w)) as the forecast; fitted value t = mean of the w values before t.

suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
script_file <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
repo_root <- normalizePath(file.path(dirname(script_file), "..", ".."))
out_file <- if (length(args) >= 1) args[1] else file.path(repo_root, "test", "fixtures", "forecast", "given.json")

# ---- JSON: the writer of json.R, with 17 significant digits for every number -------------------
# (not json.R's shortest round-trip form; jsonlite's toJSON stops at 15). Defined after source():
# to_json() looks num_json up when it runs, so it uses this one.

source(file.path(dirname(script_file), "json.R")) # to_json, vec, num_json
num_json <- function(x) {
  ifelse(is.na(x) | !is.finite(x), "null", sprintf("%.17g", x))
}

# ---- series -------------------------------------------------------------------------------------

# Intermittent series, deterministic (no random numbers).
idx <- 1:60
series <- list(
  AirPassengers = AirPassengers,
  nottem = nottem,
  ldeaths = ldeaths,
  UKgas = UKgas,
  co2_1959_1969 = window(co2, end = c(1969, 12)),
  Nile = Nile,
  lynx = lynx,
  airmiles = airmiles,
  # leading zeros, first demand in period 3
  int_leading_zeros = ts(c(0, 0, 3, 0, 0, 0, 5, 1, 0, 0, 2, 0, 0, 0, 0, 7, 0, 0, 1, 0, 0, 0, 4, 0)),
  # demand in period 1, fractional sizes
  int_first_period = ts(c(2.5, 0, 0, 1, 0, 3, 0, 0, 0, 0, 6, 0, 2, 0, 0, 0, 1.5, 0, 0, 5)),
  # 60 periods from a fixed rule: demand when (37 t mod 13) < 4, size (17 t mod 9) + 1
  int_rule_60 = ts(ifelse((idx * 37) %% 13 < 4, (idx * 17) %% 9 + 1, 0)),
  # a single demand (croston's one-demand branch)
  int_single = ts(c(0, 0, 0, 4, 0, 0)),
  # demand that stops (obsolescence: TSB decays, Croston does not)
  int_stops = ts(c(3, 0, 2, 0, 4, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
  # no demand at all
  int_all_zero = ts(rep(0, 10))
)

# ---- cases --------------------------------------------------------------------------------------

cases <- list()
add_case <- function(method, name, params, h, call, fc, fitted, states) {
  id <- paste0(method, "/", name, if (length(params) > 0) paste0("/", paste(names(params), unlist(params), sep = "=", collapse = ",")) else "")
  cases[[length(cases) + 1]] <<- list(
    id = id, method = method, series = name, params = params, h = h, r = call,
    forecasts = vec(fc), fitted = vec(fitted), states = states
  )
}
ets_states <- function(model) {
  st <- model$states[nrow(model$states), ]
  out <- list(l = unname(st["l"]))
  if ("b" %in% names(st)) out$b <- unname(st["b"])
  s <- st[grepl("^s[0-9]+$", names(st))]
  if (length(s) > 0) out$s <- vec(s)
  out
}
h_for <- function(y) if (frequency(y) > 1) 2 * frequency(y) else 12

for (case in list(
  list("Nile", 0.1), list("Nile", 0.5), list("Nile", 0.9), list("Nile", 0), list("Nile", 1),
  list("lynx", 0.3), list("AirPassengers", 0.2), list("airmiles", 0.7), list("int_leading_zeros", 0.2)
)) {
  y <- series[[case[[1]]]]; a <- case[[2]]; h <- 12
  f <- ses(y, h = h, alpha = a, initial = "simple")
  add_case("ses", case[[1]], list(alpha = a), h, sprintf("ses(y, h = %d, alpha = %s, initial = \"simple\")", h, a),
           f$mean, fitted(f), ets_states(f$model))
}

for (case in list(
  list("airmiles", 0.8, 0.2), list("Nile", 0.3, 0.1), list("AirPassengers", 0.5, 0.05),
  list("lynx", 0.2, 0.2), list("co2_1959_1969", 0.5, 0.1), list("Nile", 1, 0), list("airmiles", 0.4, 1)
)) {
  y <- series[[case[[1]]]]; a <- case[[2]]; b <- case[[3]]; h <- 12
  f <- holt(y, h = h, alpha = a, beta = b, initial = "simple")
  add_case("holt", case[[1]], list(alpha = a, beta = b), h,
           sprintf("holt(y, h = %d, alpha = %s, beta = %s, initial = \"simple\")", h, a, b),
           f$mean, fitted(f), ets_states(f$model))
}

# holt(damped = TRUE, initial = "simple") is not what it says: record the evidence.
damped_check <- tryCatch(
  { holt(Nile, h = 3, damped = TRUE, alpha = 0.5, beta = 0.1, phi = 0.9, initial = "simple"); "no warning" },
  warning = function(w) conditionMessage(w)
)
for (case in list(
  list("airmiles", 0.8, 0.2, 0.9), list("Nile", 0.3, 0.1, 0.95), list("AirPassengers", 0.5, 0.05, 0.8),
  list("lynx", 0.6, 0.3, 0.85)
)) {
  y <- series[[case[[1]]]]; a <- case[[2]]; b <- case[[3]]; p <- case[[4]]; h <- 12
  f <- forecast(forecast:::HoltWintersZZ(y, alpha = a, beta = b, gamma = FALSE, phi = p), h = h)
  add_case("damped", case[[1]], list(alpha = a, beta = b, phi = p), h,
           sprintf("forecast(forecast:::HoltWintersZZ(y, alpha = %s, beta = %s, gamma = FALSE, phi = %s), h = %d)", a, b, p, h),
           f$mean, fitted(f), ets_states(f$model))
}

hw_sets <- list(
  list("AirPassengers", 0.3, 0.05, 0.2), list("AirPassengers", 0.6, 0.1, 0.4), list("nottem", 0.2, 0.01, 0.3),
  list("ldeaths", 0.4, 0.02, 0.5), list("UKgas", 0.3, 0.1, 0.3), list("co2_1959_1969", 0.5, 0.05, 0.3),
  list("UKgas", 0.9, 0.5, 0.9)
)
for (seasonal in c("additive", "multiplicative")) {
  method <- if (seasonal == "additive") "holt-winters" else "holt-winters-mul"
  for (case in hw_sets) {
    y <- series[[case[[1]]]]; a <- case[[2]]; b <- case[[3]]; g <- case[[4]]
    m <- frequency(y); h <- if (m == 4) 12 else 2 * m
    f <- hw(y, h = h, seasonal = seasonal, alpha = a, beta = b, gamma = g, initial = "simple")
    add_case(method, case[[1]], list(seasonLength = m, alpha = a, beta = b, gamma = g), h,
             sprintf("hw(y, h = %d, seasonal = \"%s\", alpha = %s, beta = %s, gamma = %s, initial = \"simple\")", h, seasonal, a, b, g),
             f$mean, fitted(f), c(ets_states(f$model), list(sigma2 = f$model$sigma2)))
  }
}

croston_states <- function(f) {
  if (is.null(f$model)) return(list(demand = 0, interval = NA_real_))
  list(demand = f$model$demand$mean[1], interval = f$model$period$mean[1])
}
intermittent <- c("int_leading_zeros", "int_first_period", "int_rule_60", "int_single", "int_stops", "int_all_zero")
for (name in c(intermittent, "lynx")) {
  for (a in c(0.1, 0.3, 1)) {
    y <- series[[name]]; h <- 12
    f <- croston(y, h = h, alpha = a)
    add_case("croston", name, list(alpha = a), h, sprintf("croston(y, h = %d, alpha = %s)", h, a),
             f$mean, fitted(f), croston_states(f))
    if (a < 1) {
      k <- 1 - a / 2
      add_case("sba", name, list(alpha = a), h, sprintf("croston(y, h = %d, alpha = %s) * (1 - %s / 2)", h, a, a),
               f$mean * k, fitted(f) * k, croston_states(f))
    }
  }
}

# TSB (Teunter, Syntetos & Babai 2011): p smoothed every period with beta, z on demand periods with
# alpha; initial states as tsintermittent::tsb(init = "naive"): z0 = first non-zero demand, p0 = 1
# when period 1 has demand, else 0 (the same as SES with initial = "simple" on the sizes and on the
# 0/1 occurrence series). Fitted value t = p(t-1) z(t-1), NA for period 1; forecast p(n) z(n).
tsb_reference <- function(y, h, alpha, beta) {
  y <- as.numeric(y); n <- length(y)
  occ <- as.numeric(y != 0)
  z <- if (any(occ == 1)) y[occ == 1][1] else 0
  p <- occ[1]
  fit <- rep(NA_real_, n)
  for (t in seq_len(n)) {
    if (t > 1) {
      fit[t] <- p * z
      p <- p + beta * (occ[t] - p)
      if (occ[t] == 1) z <- z + alpha * (y[t] - z)
    }
  }
  list(mean = rep(p * z, h), fitted = fit, states = list(size = z, probability = p))
}
for (name in intermittent) {
  for (ab in list(c(0.1, 0.1), c(0.3, 0.05), c(0.2, 0.5))) {
    h <- 12
    f <- tsb_reference(series[[name]], h, ab[1], ab[2])
    add_case("tsb", name, list(alpha = ab[1], beta = ab[2]), h,
             sprintf("tsb_reference(y, h = %d, alpha = %s, beta = %s)", h, ab[1], ab[2]),
             f$mean, f$fitted, f$states)
  }
}

for (name in c("Nile", "lynx", "AirPassengers", "int_leading_zeros")) {
  y <- series[[name]]; h <- 12
  f <- naive(y, h = h)
  add_case("naive", name, setNames(list(), character(0)), h, sprintf("naive(y, h = %d)", h), f$mean, fitted(f), list(last = y[length(y)]))
}
for (name in c("AirPassengers", "UKgas", "ldeaths", "nottem")) {
  y <- series[[name]]; m <- frequency(y); h <- if (m == 4) 10 else 2 * m
  f <- snaive(y, h = h)
  add_case("seasonal-naive", name, list(seasonLength = m), h, sprintf("snaive(y, h = %d)", h),
           f$mean, fitted(f), list(lastSeason = vec(tail(y, m))))
}
moving_average <- function(y, h, w) {
  y <- as.numeric(y); n <- length(y)
  fit <- rep(NA_real_, n)
  for (t in seq_len(n)) if (t > w) fit[t] <- mean(y[(t - w):(t - 1)])
  list(mean = rep(mean(tail(y, w)), h), fitted = fit)
}
for (case in list(
  list("Nile", 3), list("Nile", 12), list("AirPassengers", 12), list("lynx", 5), list("int_leading_zeros", 4),
  list("Nile", 1), list("airmiles", 24), list("nottem", 12), list("UKgas", 4), list("int_first_period", 3)
)) {
  y <- series[[case[[1]]]]; w <- case[[2]]; h <- 12
  f <- moving_average(y, h, w)
  add_case("moving-average", case[[1]], list(window = w), h, sprintf("rep(mean(tail(y, %d)), %d)", w, h),
           f$mean, f$fitted, list(mean = f$mean[1]))
}

# ---- write --------------------------------------------------------------------------------------

doc <- list(
  generator = "scripts/forecast/make-fixtures.R",
  versions = list(
    R = R.version.string,
    forecast = as.character(packageVersion("forecast")),
    jsonlite = as.character(packageVersion("jsonlite"))
  ),
  notes = I(c(
    "Numbers are printed with 17 significant digits; null is R's NA (a fitted value that is not defined).",
    "states: ses/holt/damped/holt-winters* are the last row of model$states (l, b, s1..sm with s1 the most recent seasonal state, sm the one for the first forecast period); sigma2 is model$sigma2 (mean((res/fitted)^2) for the multiplicative model, used by forecast.ets for horizons beyond one season).",
    "croston/sba states: demand and interval are the final SES levels of the non-zero sizes and of the intervals (interval null when there is no demand); tsb: size z and probability p after the last period.",
    paste0("holt(damped = TRUE, initial = \"simple\") warns \"", damped_check, "\" and fits ets() with optimised initial states; the damped cases use forecast(forecast:::HoltWintersZZ(..., phi = phi)) instead."),
    "tsb, sba and moving-average are written out in base R here (the forecast package has no such functions)."
  )),
  series = lapply(series, function(y) list(frequency = frequency(y), values = vec(y))),
  cases = cases
)
json <- to_json(doc)
tmp <- paste0(out_file, ".tmp")
writeLines(json, tmp, useBytes = TRUE)
invisible(file.rename(tmp, out_file))
cat(sprintf("wrote %d cases to %s\n", length(cases), out_file))
