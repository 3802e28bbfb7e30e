#!/usr/bin/env Rscript
# Reference values for the AUTOMATIC ETS forecasts (model selection + estimation): R's
# forecast::ets() with all defaults, fitted to the first part of each series and scored on a hold-out
# of the M3 competition's lengths (yearly 6, quarterly 8, monthly 18). The output is
# test/fixtures/forecast/ets.json: for every case the train and test values, the model ets() chose
# (fit$method, e.g. "ETS(M,Ad,M)"), its point forecasts forecast(fit, h)$mean, their MASE on the test
# set and fit$aicc. It is the yardstick our automatic ETS is compared against (how close its
# forecasts and its accuracy come to R's), not a bit-for-bit target: ets() optimises with Nelder-Mead
# from heuristic starting values, so its choice is one good answer, not the only one.
#
#   Rscript scripts/forecast/make-ets-fixtures.R [output.json]
#
# Needs (Debian): apt-get install -y r-cran-forecast r-cran-jsonlite
#
# Series: ~35 real series that ship with R (datasets) or with the forecast package, without NA, of
# frequency 1, 4 or 12 (uspop, a census every 10 years, is taken as yearly), each cut to its last
# 240 observations; and 40 simulated series (set.seed(20261129), values rounded to 3 decimals) of
# six kinds: level + AR(1) noise, linear trend + AR(1), damped trend, additive seasonality + trend,
# multiplicative seasonality + trend (kept positive) and random walk with drift.
#
# MASE = mean(abs(test - forecast)) / mean(abs(diff(train, lag = m))) (lag 1 when m = 1): the "MASE"
# that forecast::accuracy(forecast(fit, h), test) reports for the test set (checked below).
# The output is deterministic (no timings in it); stdout gets a table and the seconds spent in ets().

suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
script_file <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
repo_root <- normalizePath(file.path(dirname(script_file), "..", ".."))
out_file <- if (length(args) >= 1) args[1] else file.path(repo_root, "test", "fixtures", "forecast", "ets.json")

# ---- JSON: json.R's writer, numbers with the fewest of 15/16/17 significant digits that read back
# as the same double ---------------------------------------------------------------------------

source(file.path(dirname(script_file), "json.R")) # to_json, vec, num_json

# ---- real series --------------------------------------------------------------------------------

max_n <- 240
horizon_for <- function(m) switch(as.character(m), "1" = 6L, "4" = 8L, "12" = 18L, stop("no horizon for m = ", m))

# name, source, series (frequency 1, 4 or 12)
sb <- datasets::Seatbelts
real <- list(
  list("AirPassengers", "datasets::AirPassengers", datasets::AirPassengers),
  list("nottem", "datasets::nottem", datasets::nottem),
  list("ldeaths", "datasets::ldeaths", datasets::ldeaths),
  list("mdeaths", "datasets::mdeaths", datasets::mdeaths),
  list("fdeaths", "datasets::fdeaths", datasets::fdeaths),
  list("UKDriverDeaths", "datasets::UKDriverDeaths", datasets::UKDriverDeaths),
  list("USAccDeaths", "datasets::USAccDeaths", datasets::USAccDeaths),
  list("co2", "datasets::co2", datasets::co2),
  list("sunspots", "datasets::sunspots", datasets::sunspots),
  list("sunspot.month", "datasets::sunspot.month", datasets::sunspot.month),
  list("Seatbelts-drivers", "datasets::Seatbelts[, \"drivers\"]", sb[, "drivers"]),
  list("Seatbelts-front", "datasets::Seatbelts[, \"front\"]", sb[, "front"]),
  list("Seatbelts-rear", "datasets::Seatbelts[, \"rear\"]", sb[, "rear"]),
  list("Seatbelts-kms", "datasets::Seatbelts[, \"kms\"]", sb[, "kms"]),
  list("Seatbelts-PetrolPrice", "datasets::Seatbelts[, \"PetrolPrice\"]", sb[, "PetrolPrice"]),
  list("gas", "forecast::gas", forecast::gas),
  list("wineind", "forecast::wineind", forecast::wineind),
  list("UKgas", "datasets::UKgas", datasets::UKgas),
  list("JohnsonJohnson", "datasets::JohnsonJohnson", datasets::JohnsonJohnson),
  list("austres", "datasets::austres", datasets::austres),
  list("freeny.y", "datasets::freeny.y", datasets::freeny.y),
  list("woolyrnq", "forecast::woolyrnq", forecast::woolyrnq),
  list("BJsales", "datasets::BJsales", datasets::BJsales),
  list("BJsales.lead", "datasets::BJsales.lead", datasets::BJsales.lead),
  list("Nile", "datasets::Nile", datasets::Nile),
  list("LakeHuron", "datasets::LakeHuron", datasets::LakeHuron),
  list("lynx", "datasets::lynx", datasets::lynx),
  list("sunspot.year", "datasets::sunspot.year", datasets::sunspot.year),
  list("WWWusage", "datasets::WWWusage", datasets::WWWusage),
  list("airmiles", "datasets::airmiles", datasets::airmiles),
  # a census every 10 years: frequency 0.1 in R, taken as yearly (m = 1) here
  list("uspop", "datasets::uspop", ts(as.numeric(datasets::uspop), start = 1790, frequency = 1)),
  list("nhtemp", "datasets::nhtemp", datasets::nhtemp),
  list("discoveries", "datasets::discoveries", datasets::discoveries),
  list("lh", "datasets::lh", datasets::lh),
  list("treering", "datasets::treering", datasets::treering)
)
# Left out: EuStockMarkets (daily trading data, frequency 260), presidents and forecast::gold (NA),
# forecast::taylor (half-hourly, msts).

# ---- simulated series ---------------------------------------------------------------------------

set.seed(20261129)
ar1 <- function(n, phi, sd) {
  e <- stats::filter(rnorm(n + 50, sd = sd), phi, method = "recursive")
  as.numeric(e)[-(1:50)] # 50 periods of burn-in
}
season_pattern <- function(m) {
  # a smooth random shape: two harmonics with random amplitudes and phases, scaled to max |s| = 1
  k <- 0:(m - 1)
  s <- runif(1, 0.5, 1) * cos(2 * pi * k / m + runif(1, 0, 2 * pi)) +
    runif(1, 0, 0.6) * cos(4 * pi * k / m + runif(1, 0, 2 * pi))
  s <- s - mean(s)
  s / max(abs(s))
}
fmt <- function(x, d = 2) formatC(x, format = "f", digits = d)

sim_kinds <- list(
  # kind, count, frequencies cycled, length range
  list(kind = "level-ar1", count = 7, ms = c(1, 1, 4, 12), len = c(40, 160)),
  list(kind = "trend-ar1", count = 7, ms = c(1, 1, 4, 12), len = c(40, 160)),
  list(kind = "damped-trend", count = 6, ms = c(1, 1, 4, 12), len = c(40, 160)),
  list(kind = "seasonal-add", count = 8, ms = c(12, 4), len = c(60, 160)),
  list(kind = "seasonal-mul", count = 6, ms = c(12, 4), len = c(60, 160)),
  list(kind = "rw-drift", count = 6, ms = c(1, 1, 4, 12), len = c(40, 160))
)
simulated <- list()
sim_no <- 0
for (k in sim_kinds) {
  for (j in seq_len(k$count)) {
    sim_no <- sim_no + 1
    m <- k$ms[(j - 1) %% length(k$ms) + 1]
    n <- sample(seq(k$len[1], k$len[2]), 1)
    if (m == 12) n <- max(n, 60) # at least 42 training months (3.5 seasons) after the 18 held out
    t <- 1:n
    if (k$kind == "level-ar1") {
      level <- runif(1, 50, 500); phi <- runif(1, 0.3, 0.8); sd <- level * runif(1, 0.02, 0.1)
      y <- level + ar1(n, phi, sd)
      desc <- sprintf("level %s + AR(1) noise (phi %s, innovation sd %s)", fmt(level), fmt(phi), fmt(sd))
    } else if (k$kind == "trend-ar1") {
      level <- runif(1, 50, 500); slope <- level * runif(1, -0.004, 0.012) ; phi <- runif(1, 0.3, 0.8)
      sd <- level * runif(1, 0.01, 0.06)
      y <- level + slope * t + ar1(n, phi, sd)
      desc <- sprintf("level %s + linear trend %s per period + AR(1) noise (phi %s, innovation sd %s)",
                      fmt(level), fmt(slope, 3), fmt(phi), fmt(sd))
    } else if (k$kind == "damped-trend") {
      level <- runif(1, 50, 500); b0 <- level * runif(1, 0.01, 0.04) * sample(c(-1, 1, 1), 1)
      damp <- runif(1, 0.85, 0.97); phi <- runif(1, 0.3, 0.8); sd <- level * runif(1, 0.01, 0.04)
      y <- level + b0 * (1 - damp^t) / (1 - damp) + ar1(n, phi, sd)
      desc <- sprintf("level %s + damped trend (initial slope %s, damping %s) + AR(1) noise (phi %s, innovation sd %s)",
                      fmt(level), fmt(b0, 3), fmt(damp, 3), fmt(phi), fmt(sd))
    } else if (k$kind == "seasonal-add") {
      level <- runif(1, 50, 500); slope <- level * runif(1, -0.002, 0.006); amp <- level * runif(1, 0.05, 0.3)
      phi <- runif(1, 0.3, 0.8); sd <- level * runif(1, 0.01, 0.05)
      s <- season_pattern(m)
      y <- level + slope * t + amp * s[(t - 1) %% m + 1] + ar1(n, phi, sd)
      desc <- sprintf("level %s + linear trend %s per period + additive seasonality (m = %d, amplitude %s) + AR(1) noise (phi %s, innovation sd %s)",
                      fmt(level), fmt(slope, 3), m, fmt(amp), fmt(phi), fmt(sd))
    } else if (k$kind == "seasonal-mul") {
      level <- runif(1, 50, 500); growth <- runif(1, 0.002, 0.012); amp <- runif(1, 0.15, 0.45)
      phi <- runif(1, 0.3, 0.8); sd <- runif(1, 0.01, 0.05)
      s <- season_pattern(m)
      trend <- level * (1 + growth * t)
      y <- trend * (1 + amp * s[(t - 1) %% m + 1]) * exp(ar1(n, phi, sd))
      offset <- if (min(y) < 1) 1 - min(y) else 0 # never needed with these ranges; kept as a guard
      y <- y + offset
      desc <- sprintf("level %s x (1 + %s t) x (1 + %s x seasonal shape, m = %d) x exp(AR(1) noise, phi %s, innovation sd %s)%s",
                      fmt(level), fmt(growth, 4), fmt(amp), m, fmt(phi), fmt(sd, 3),
                      if (offset > 0) sprintf(" + %s", fmt(offset)) else "")
    } else if (k$kind == "rw-drift") {
      start <- runif(1, 100, 500); drift <- start * runif(1, -0.005, 0.01); sd <- start * runif(1, 0.01, 0.04)
      y <- start + cumsum(drift + rnorm(n, sd = sd))
      desc <- sprintf("random walk from %s with drift %s per period (step sd %s)", fmt(start), fmt(drift, 3), fmt(sd))
    }
    simulated[[length(simulated) + 1]] <- list(
      sprintf("sim-%s-%d-%02d", k$kind, m, sim_no), paste0("simulated: ", desc),
      ts(round(y, 3), frequency = m)
    )
  }
}

# ---- fit ----------------------------------------------------------------------------------------

mase_of <- function(train, test, fc) {
  m <- frequency(train)
  scale <- mean(abs(diff(as.numeric(train), lag = if (m > 1) m else 1)))
  mean(abs(as.numeric(test) - as.numeric(fc))) / scale
}

cases <- list()
rows <- list()
ets_seconds <- 0
for (s in c(real, simulated)) {
  name <- s[[1]]; source <- s[[2]]; y <- s[[3]]
  m <- frequency(y)
  if (anyNA(y)) { message(sprintf("skip %s: has NA", name)); next }
  n_all <- length(y)
  y <- ts(tail(as.numeric(y), max_n), end = tsp(y)[2], frequency = m)
  h <- horizon_for(m)
  n <- length(y)
  train <- ts(as.numeric(y)[1:(n - h)], start = tsp(y)[1], frequency = m)
  test <- ts(as.numeric(y)[(n - h + 1):n], start = tsp(train)[2] + 1 / m, frequency = m)

  warns <- character(0)
  fit <- NULL
  tm <- system.time(fit <- tryCatch(
    withCallingHandlers(ets(train), warning = function(w) {
      warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning")
    }),
    error = function(e) { message(sprintf("drop %s: ets() failed: %s", name, conditionMessage(e))); NULL }
  ))
  ets_seconds <- ets_seconds + tm[["elapsed"]]
  if (is.null(fit)) next
  for (w in unique(warns)) message(sprintf("%s: ets() warned: %s", name, w))

  fc <- forecast(fit, h = h)
  mase <- mase_of(train, test, fc$mean)
  mase_acc <- accuracy(fc, test)["Test set", "MASE"]
  if (!isTRUE(abs(mase - mase_acc) <= 1e-12 * max(1, abs(mase)))) {
    stop(sprintf("%s: MASE %.17g differs from accuracy()'s %.17g", name, mase, mase_acc))
  }
  cases[[length(cases) + 1]] <- list(
    name = name, source = source, frequency = m,
    train = vec(train), test = vec(test), horizon = h,
    model = fit$method, forecasts = vec(fc$mean), mase = mase, aicc = fit$aicc
  )
  rows[[length(rows) + 1]] <- data.frame(
    name = name, m = m, n = length(train), model = fit$method, MASE = round(mase, 3),
    cut = if (n_all > max_n) sprintf("last %d of %d", max_n, n_all) else "", stringsAsFactors = FALSE
  )
}

# ---- write --------------------------------------------------------------------------------------

doc <- list(
  generator = "scripts/forecast/make-ets-fixtures.R",
  r = R.version.string,
  forecast = as.character(packageVersion("forecast")),
  notes = I(c(
    "fit = ets(train) with all defaults (train a ts of the given frequency); model = fit$method; forecasts = forecast(fit, h = horizon)$mean; aicc = fit$aicc.",
    "mase = mean(abs(test - forecasts)) / mean(abs(diff(train, lag = m))) (lag 1 when m = 1), equal to forecast::accuracy(forecast(fit, h), test)[\"Test set\", \"MASE\"].",
    "horizon: 6 yearly, 8 quarterly, 18 monthly (M3). Series longer than 240 observations were cut to their last 240 before the split; uspop (a census every 10 years, frequency 0.1 in R) is taken as yearly.",
    "Numbers are printed with the fewest of 15, 16 or 17 significant digits that read back as the same double."
  )),
  cases = cases
)
json <- to_json(doc)
tmp <- paste0(out_file, ".tmp")
writeLines(json, tmp, useBytes = TRUE)
invisible(file.rename(tmp, out_file))

table <- do.call(rbind, rows)
old <- options(width = 200)
print(table, row.names = FALSE)
options(old)
cat(sprintf("\n%d cases (%d real, %d simulated); mean MASE %.4f (real %.4f, simulated %.4f)\n",
            nrow(table), sum(!startsWith(table$name, "sim-")), sum(startsWith(table$name, "sim-")),
            mean(sapply(cases, `[[`, "mase")),
            mean(sapply(cases, `[[`, "mase")[!startsWith(table$name, "sim-")]),
            mean(sapply(cases, `[[`, "mase")[startsWith(table$name, "sim-")])))
cat(sprintf("seconds in ets(): %.2f (elapsed, all cases)\n", ets_seconds))
cat(sprintf("wrote %s\n", out_file))
