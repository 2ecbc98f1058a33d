# Times R's GARCH(1,1)-normal fits on the rolling windows RiskGrid's `side-by-side` bench command fits.
# Usage: Rscript side_by_side.R RETURNS_FILE WINDOW TSERIES_FITS FGARCH_FITS OUT_FILE
#   RETURNS_FILE: one percent return per line, oldest first; windows start at 0, 1, 2, ... (daily refit).
# Writes one line per fit: package,start,microseconds,loglik (wall time of that one fit call, Sys.time), and per package
# a line cpu,package,microseconds,fits: the R process's CPU time (user + system) over all its fits, which a shared
# machine's load stretches far less than the wall time.
# tseries::garch fits no mean (as published); fGarch::garchFit fits a constant mean, like RiskGrid.
suppressMessages({
  library(tseries)
  library(fGarch)
})
args <- commandArgs(trailingOnly = TRUE)
returns <- scan(args[1], quiet = TRUE)
window <- as.integer(args[2])
tseries_fits <- as.integer(args[3])
fgarch_fits <- as.integer(args[4])
out <- args[5]

lines <- character(0)
cpu <- function() {
  t <- proc.time()
  t[["user.self"]] + t[["sys.self"]]
}
time_fit <- function(package, start, fit) {
  began <- Sys.time()
  ll <- tryCatch(fit(), error = function(e) NA_real_)
  elapsed <- as.numeric(difftime(Sys.time(), began, units = "secs")) * 1e6
  sprintf("%s,%d,%.1f,%.10g", package, start, elapsed, ll)
}

began_cpu <- cpu()
for (start in seq_len(tseries_fits) - 1) {
  x <- returns[(start + 1):(start + window)]
  lines <- c(lines, time_fit("tseries", start, function() {
    fit <- garch(x, order = c(1, 1), trace = FALSE)
    as.numeric(logLik(fit))
  }))
}
lines <- c(lines, sprintf("cpu,tseries,%.0f,%d", (cpu() - began_cpu) * 1e6, tseries_fits))

began_cpu <- cpu()
for (start in seq_len(fgarch_fits) - 1) {
  x <- returns[(start + 1):(start + window)]
  lines <- c(lines, time_fit("fGarch", start, function() {
    fit <- garchFit(~ garch(1, 1), data = x, include.mean = TRUE, cond.dist = "norm", trace = FALSE)
    -fit@fit$llh
  }))
}
lines <- c(lines, sprintf("cpu,fGarch,%.0f,%d", (cpu() - began_cpu) * 1e6, fgarch_fits))

writeLines(lines, out)
