# Reference generalised Pareto fits for RiskGrid's tests, by R's fExtremes::gpdFit (type = "mle"), to the
# S&P 500 percent losses L = -r beyond their 90% and 95% empirical quantiles (R type 7).
# Run from this folder:  Rscript sp500-gpd.R > sp500-gpd.txt  (reads ../../../../shared/data/sp500.csv,
# i.e. ../shared/data beside the repository root, or the file named as the first argument).
# Debian package r-cran-fextremes.
suppressMessages(library(fExtremes))
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) > 0) args[1] else "../../../../shared/data/sp500.csv"
d <- read.csv(path)
p <- d$Adj.Close
loss <- -100 * diff(p) / head(p, -1)

cat("# Reference GPD fits (fExtremes", as.character(packageVersion("fExtremes")), "gpdFit, type = \"mle\", R",
    paste(R.version$major, R.version$minor, sep = "."), "), produced by sp500-gpd.R; do not edit by hand.\n")
cat("# Data: S&P 500 losses L = -100 * (AdjClose_t / AdjClose_{t-1} - 1),", length(loss), "days; excesses L - u over u.\n\n")
for (q in c(0.90, 0.95)) {
  u <- unname(quantile(loss, q, type = 7))
  fit <- gpdFit(loss, u = u, type = "mle")
  est <- fit@fit$par.ests
  se <- fit@fit$par.ses
  cat(sprintf("model: GPD over the %.2f quantile\n", q))
  cat(sprintf("  threshold  %.10f  (se 0)\n", u))
  cat(sprintf("  exceedances  %d  (se 0)\n", sum(loss > u)))
  cat(sprintf("  xi      %.8f  (se %.6f)\n", est["xi"], se["xi"]))
  cat(sprintf("  beta    %.8f  (se %.6f)\n", est["beta"], se["beta"]))
  cat(sprintf("  loglik  %.6f\n\n", -fit@fit$llh))
}
