# Reference EGARCH(1,1) fit on the S&P 500 for RiskGrid's tests (fGarch has no EGARCH).
# Base R only: nlminb on the log-likelihood written out below from the model's definition.
# Run from this folder:  Rscript sp500-egarch.R > sp500-egarch.txt
# (reads ../../../../shared/data/sp500.csv, i.e. ../shared/data beside the repository root,
#  or the file named as the first argument).
#
# Model (normal innovations, constant mean):
#   r_t = mu + e_t,  e_t = s_t z_t,  z_t ~ N(0, 1)
#   ln s2_t = omega + alpha (a(z_{t-1}) - sqrt(2/pi)) + gamma z_{t-1} + beta ln s2_{t-1}
#   a(z) = |z| for |z| >= d, z^2/(2d) + d/2 below (d = 1e-3: |z| smoothed so that the likelihood is
#   differentiable in mu; the exact-|z| log-likelihood at the same estimate is printed for comparison)
# Start-up: ln s2_1 = omega + beta ln(mean(e^2)) (the shock terms at their expectation, zero), the
# analogue of fGarch's init.rec = "mci". ln s2_t is kept within ln(mean(e^2)) +- 30.
# Log-likelihood with all constants: sum(-0.5 log(2 pi) - 0.5 ln s2_t - 0.5 e_t^2 / s2_t), t = 1..T.
# Bounds as RiskGrid's: alpha >= 0, |beta| <= 0.99999.

args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args) > 0) args[1] else "../../../../shared/data/sp500.csv"
d <- read.csv(path)
price <- d$Adj.Close
r <- 100 * diff(price) / head(price, -1)

smooth.abs <- function(z, d = 1e-3) ifelse(abs(z) >= d, abs(z), z^2 / (2 * d) + d / 2)

loglik <- function(par, x, absfun = smooth.abs) {
  mu <- par[1]; omega <- par[2]; alpha <- par[3]; gamma <- par[4]; beta <- par[5]
  e <- x - mu
  n <- length(e)
  lb <- log(mean(e^2))
  lo <- lb - 30; hi <- lb + 30
  lh <- numeric(n)
  lh[1] <- min(max(omega + beta * lb, lo), hi)
  for (t in 2:n) {
    z <- e[t - 1] * exp(-lh[t - 1] / 2)
    lh[t] <- min(max(omega + alpha * (absfun(z) - sqrt(2 / pi)) + gamma * z + beta * lh[t - 1], lo), hi)
  }
  sum(-0.5 * log(2 * pi) - 0.5 * lh - 0.5 * e^2 * exp(-lh))
}

lower <- c(-1, -5, 0, -2, -0.99999)
upper <- c( 1,  5, 3,  2,  0.99999)
best <- NULL
for (b0 in c(0.9, 0.97, 0.99)) for (a0 in c(0.05, 0.15)) for (g0 in c(0, -0.1)) {
  start <- c(mean(r), (1 - b0) * log(var(r)), a0, g0, b0)
  fit <- nlminb(start, function(p) -loglik(p, r), lower = lower, upper = upper,
                control = list(eval.max = 5000, iter.max = 3000, rel.tol = 1e-12))
  if (is.null(best) || fit$objective < best$objective) best <- fit
}

par <- best$par
names(par) <- c("mu", "omega", "alpha", "gamma", "beta")
hess <- optimHess(par, function(p) loglik(p, r))
se <- sqrt(diag(solve(-hess)))

cat("# Reference maximum-likelihood EGARCH(1,1) fit on ../shared/data/sp500.csv, produced by sp500-egarch.R\n")
cat("# (base R", paste(R.version$major, R.version$minor, sep = "."), "nlminb, 12 starts; do not edit by hand).\n")
cat("# Series: r_t = 100 * (AdjClose_t / AdjClose_{t-1} - 1),", length(r), "returns.\n")
cat("# Standard errors: inverse of the numerical Hessian (optimHess) of the log-likelihood.\n")
cat("# nlminb:", best$message, " iterations:", best$iterations, "\n\n")
cat("model: EGARCH(1,1), constant mean, normal\n")
for (i in seq_along(par)) cat(sprintf("  %-7s %.8f  (se %.6f)\n", names(par)[i], par[i], se[i]))
cat(sprintf("  loglik  %.6f\n", -best$objective))
cat(sprintf("# exact |z| (no smoothing) at the same estimate: loglik %.6f\n", loglik(par, r, abs)))
