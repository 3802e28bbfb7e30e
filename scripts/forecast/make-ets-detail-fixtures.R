#!/usr/bin/env Rscript
# Reference values for the PARTS of our ETS engine (src/forecast/ets.ts, etsInit.ts), to test them one
# at a time against R's forecast package (test/forecast/ets.test.ts):
#
# - initstate: forecast:::initstate(ts(y, frequency = m), trendtype, seasontype), the starting values
#   ets() optimises from, for every trend (N, A) and season (N, A, M; M only for positive data) on a
#   few series: the AirPassengers training set of ets.json (decomposition path, n >= 3m), UKgas, short
#   series with n < 3m (the Fourier regression path; m = 12, 4 and 2, where fourier() has no sine
#   term), a quarterly series with one near-zero quarter (the multiplicative floor of 0.01), a short
#   quarterly one whose multiplicative states sum to more than m (rescaled) and Nile (no season).
# - fits: ets(train) (all defaults, as in ets.json) on 14 training sets of ets.json: the model
#   (fit$method), fit$par, the initial states fit$states[1, ] (l, b, s1..sm, s1 the most recent),
#   the fitted values, -2 log-likelihood (lik = -2 * fit$loglik, R's e$lik), fit$aicc and sigma2.
#   Running our filter with R's parameters and initial states must give R's fitted values and lik.
# - admissible: forecast:::admissible(alpha, beta, gamma, phi, m) on random parameters (many near the
#   edge of the region), with the largest root modulus that polyroot() finds.
#
# The output is test/fixtures/forecast/ets-detail.json (deterministic: set.seed, no timings).
#
#   Rscript scripts/forecast/make-ets-detail-fixtures.R [output.json]
#
# Needs (Debian): apt-get install -y r-cran-forecast r-cran-jsonlite; reads ets.json (written by
# scripts/forecast/make-ets-fixtures.R) for the training sets.

suppressPackageStartupMessages({
  library(forecast)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
script_file <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
repo_root <- normalizePath(file.path(dirname(script_file), "..", ".."))
fixture_dir <- file.path(repo_root, "test", "fixtures", "forecast")
out_file <- if (length(args) >= 1) args[1] else file.path(fixture_dir, "ets-detail.json")

# ---- JSON: json.R's writer, numbers with the fewest of 15/16/17 significant digits that read back
# as the same double ---------------------------------------------------------------------------

source(file.path(dirname(script_file), "json.R")) # to_json, vec, num_json
str_vec <- function(x) I(as.character(x))

ets_cases <- fromJSON(file.path(fixture_dir, "ets.json"), simplifyVector = FALSE)$cases
train_of <- function(name) {
  for (c in ets_cases) if (c$name == name) return(ts(as.numeric(unlist(c$train)), frequency = c$frequency))
  stop("no case ", name, " in ets.json")
}

# ---- initstate ----------------------------------------------------------------------------------

one_low_quarter <- ts(round((200 + 10 * sin(1:24)) * c(1, 1, 1, 0.001), 3), frequency = 4)
init_series <- list(
  list("AirPassengers-train", train_of("AirPassengers")),
  list("UKgas", datasets::UKgas),
  list("AirPassengers-first-30", ts(as.numeric(datasets::AirPassengers)[1:30], frequency = 12)),
  list("UKgas-first-10", ts(as.numeric(datasets::UKgas)[1:10], frequency = 4)),
  list("ldeaths-first-5-m2", ts(as.numeric(datasets::ldeaths)[1:5], frequency = 2)),
  list("one-low-quarter", one_low_quarter),
  # n < 3m and seasonal values of positions 2..m summing to more than m: R rescales them
  list("short-rescaled-m4", ts(c(50, 420, 410, 400, 100, 110, 105, 95, 90, 100), frequency = 4)),
  list("Nile", datasets::Nile)
)
initstate_cases <- list()
for (s in init_series) {
  y <- s[[2]]
  seasons <- if (frequency(y) > 1) c("N", "A", if (all(y > 0)) "M") else "N"
  for (trendtype in c("N", "A")) {
    for (seasontype in seasons) {
      st <- forecast:::initstate(y, trendtype, seasontype)
      initstate_cases[[length(initstate_cases) + 1]] <- list(
        name = s[[1]], frequency = frequency(y), y = vec(y), trendtype = trendtype, seasontype = seasontype,
        names = str_vec(names(st)), states = vec(st)
      )
    }
  }
}

# ---- fits ---------------------------------------------------------------------------------------

fit_names <- c(
  "AirPassengers", "nottem", "ldeaths", "UKDriverDeaths", "co2", "UKgas", "JohnsonJohnson", "austres",
  "freeny.y", "BJsales", "Nile", "uspop", "lh", "sim-damped-trend-12-18"
)
fit_cases <- list()
for (name in fit_names) {
  train <- train_of(name)
  fit <- ets(train)
  comp <- fit$components # error, trend, season, damped
  s1 <- fit$states[1, ]
  fit_cases[[length(fit_cases) + 1]] <- list(
    name = name, frequency = frequency(train), train = vec(train),
    method = fit$method, error = comp[1], trend = comp[2], season = comp[3], damped = as.logical(comp[4]),
    m = fit$m,
    par_names = str_vec(names(fit$par)), par = vec(fit$par),
    state_names = str_vec(names(s1)), states0 = vec(s1),
    fitted = vec(fit$fitted), lik = -2 * fit$loglik, aicc = fit$aicc, sigma2 = fit$sigma2
  )
}

# ---- admissible ---------------------------------------------------------------------------------

set.seed(20260501)
adm_cases <- list()
for (i in 1:400) {
  m <- sample(2:24, 1)
  phi <- if (runif(1) < 0.5) 1 else runif(1, 0.8, 1)
  alpha <- runif(1, 0, 1)
  beta <- alpha * runif(1, 0, 1)
  # gamma over (0, 1 - alpha), and often beyond it: the roots leave the unit circle there
  gamma <- (1 - alpha) * runif(1, 0, if (i %% 2 == 0) 1 else 1.3)
  P <- c(phi * (1 - alpha - gamma), alpha + beta - alpha * phi + gamma - 1, rep(alpha + beta - alpha * phi, m - 2),
         alpha + beta - phi, 1)
  adm_cases[[length(adm_cases) + 1]] <- list(
    alpha = alpha, beta = beta, gamma = gamma, phi = phi, m = m,
    admissible = forecast:::admissible(alpha, beta, gamma, phi, m) == 1,
    max_root = max(abs(polyroot(P)))
  )
}

# ---- write --------------------------------------------------------------------------------------

doc <- list(
  generator = "scripts/forecast/make-ets-detail-fixtures.R",
  r = R.version.string,
  forecast = as.character(packageVersion("forecast")),
  notes = I(c(
    "initstate: states = forecast:::initstate(ts(y, frequency = frequency), trendtype, seasontype), named by names (l, b, s0..s(m-2); s0 the most recent).",
    "fits: fit = ets(ts(train, frequency = frequency)) with all defaults; par = fit$par (alpha, beta, gamma, phi are ets()'s: beta is alpha times Holt's beta); states0 = fit$states[1, ] (l, b, s1..sm, s1 the most recent); fitted = fit$fitted; lik = -2 * fit$loglik; aicc = fit$aicc; sigma2 = fit$sigma2.",
    "admissible: forecast:::admissible(alpha, beta, gamma, phi, m) == 1 and max(abs(polyroot(P))) of its characteristic polynomial P.",
    "Numbers are printed with the fewest of 15, 16 or 17 significant digits that read back as the same double."
  )),
  initstate = initstate_cases,
  fits = fit_cases,
  admissible = adm_cases
)
json <- to_json(doc)
tmp <- paste0(out_file, ".tmp")
writeLines(json, tmp, useBytes = TRUE)
invisible(file.rename(tmp, out_file))
cat(sprintf("%d initstate cases, %d fits, %d admissible cases (%d admissible); wrote %s\n",
            length(initstate_cases), length(fit_cases), length(adm_cases),
            sum(vapply(adm_cases, function(a) a$admissible, logical(1))), out_file))
