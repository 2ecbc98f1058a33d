# Reference GED and APARCH fits on the S&P 500 for RiskGrid's tests, by R's fGarch (garchFit, default
# nlminb, init.rec = "mci"). Run from this folder:  Rscript sp500-fgarch-aparch.R > sp500-fgarch-aparch.txt
# (reads ../../../../shared/data/sp500.csv, i.e. ../shared/data beside the repository root, or the file
# named as the first argument). Debian package r-cran-fgarch.
suppressMessages(library(fGarch))
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) > 0) args[1] else "../../../../shared/data/sp500.csv"
d <- read.csv(path)
p <- d$Adj.Close
r <- 100 * diff(p) / head(p, -1)

specs <- list(
  list(f = ~garch(1, 1), dist = "ged", delta = FALSE, name = "GARCH(1,1), constant mean, GED"),
  list(f = ~aparch(1, 1), dist = "norm", delta = TRUE, name = "APARCH(1,1) delta estimated, constant mean, normal"),
  list(f = ~aparch(1, 1), dist = "ged", delta = TRUE, name = "APARCH(1,1) delta estimated, constant mean, GED"))

cat("# Reference maximum-likelihood fits on ../shared/data/sp500.csv, produced by sp500-fgarch-aparch.R\n")
cat("# (R", paste(R.version$major, R.version$minor, sep = "."), ", fGarch", as.character(packageVersion("fGarch")),
    ", garchFit defaults: nlminb, init.rec = \"mci\"; do not edit by hand).\n")
cat("# Series: r_t = 100 * (AdjClose_t / AdjClose_{t-1} - 1),", length(r), "returns.\n")
cat("# APARCH: s^delta_t = omega + alpha1 (|e_{t-1}| - gamma1 e_{t-1})^delta + beta1 s^delta_{t-1}; GED shape = nu.\n\n")
for (s in specs) {
  fit <- if (s$delta) garchFit(s$f, data = r, cond.dist = s$dist, include.delta = TRUE, trace = FALSE)
         else garchFit(s$f, data = r, cond.dist = s$dist, trace = FALSE)
  m <- fit@fit$matcoef
  cat("model:", s$name, "\n")
  for (i in seq_len(nrow(m))) cat(sprintf("  %-7s %.8f  (se %.6f)\n", rownames(m)[i], m[i, 1], m[i, 2]))
  cat(sprintf("  loglik  %.6f\n\n", -fit@fit$value))
}
