#!/usr/bin/Rscript
# Reference values for QuantileEsRegression and the strict/auxiliary ESR backtests (EsrBacktestTests).
#
# Run: Rscript tests/Core.Tests/Reference/esr-regression.R > tests/Core.Tests/Reference/esr-regression.txt
# (Debian r-cran-quantreg.) Independent of the C# code: the joint (quantile, ES) regression is fitted the way
# esreg does it (shift y by its maximum, quantreg::rq starting values at alpha and at the level whose normal
# quantile matches the normal ES, then Nelder-Mead on the FZ0 loss G1 = 0, G2 = -1/z with seeded iterated local
# search), here with many more restarts; the ES covariance is esreg's sandwich with misspec = FALSE and the
# "ind" truncated variance, written out below.
# Lines:
#   wqr NAME TAU B0 B1            weighted quantile regression rq(y ~ a, tau, weights = w); then lines y, a, w
#   esr NAME ALPHA LOSS BQ0 BQ1 BE0 BE1 V00 V01 V11 WALD P     then lines y, a (quantile covariate), c (ES covariate)
suppressMessages(library(quantreg))
options(digits = 17)

line <- function(x) cat(paste(sprintf("%.17g", x), collapse = " "), "\n")

fz0 <- function(b, y, xq, xe, alpha) {
  q <- as.numeric(xq %*% b[1:2])
  e <- as.numeric(xe %*% b[3:4])
  if (any(e >= 0)) return(1e10)
  h <- y <= q
  mean((q - (q - y) * h / alpha) / e + log(-e)) - 1
}

esr_fit <- function(y, a, cc, alpha) {
  m <- max(y)
  ys <- y - m
  xq <- cbind(1, a)
  xe <- cbind(1, cc)
  e0 <- -dnorm(qnorm(alpha)) / alpha
  at <- uniroot(function(x) qnorm(x) - e0, c(1e-12, alpha), tol = 1e-14)$root
  b0 <- c(coef(suppressWarnings(rq(ys ~ a, tau = alpha))), coef(suppressWarnings(rq(ys ~ cc, tau = at))))
  mx <- max(xe %*% b0[3:4])
  if (mx >= -0.1) b0[3] <- b0[3] - (mx + 0.1)
  nm <- function(start) optim(start, fz0, y = ys, xq = xq, xe = xe, alpha = alpha, method = "Nelder-Mead",
                              control = list(maxit = 20000, reltol = 1e-15))
  best <- nm(b0)
  se <- pmax(abs(best$par) * 0.05, 1e-3)
  misses <- 0
  while (misses < 60) {
    trial <- nm(best$par + rnorm(4, sd = se))
    if (trial$value < best$value - 1e-15) { best <- trial; misses <- 0 } else misses <- misses + 1
  }
  b <- best$par
  q <- as.numeric(xq %*% b[1:2])
  e <- as.numeric(xe %*% b[3:4])
  u <- ys - q
  cv <- var(u[u <= 0])
  L <- crossprod(xe * (1 / e^2), xe)
  S <- crossprod(xe * (1 / e^4 * (cv / alpha + (1 - alpha) / alpha * (q - e)^2)), xe)
  V <- solve(L) %*% S %*% solve(L)
  bu <- c(b[1] + m, b[2], b[3] + m, b[4])
  d <- c(bu[3], bu[4] - 1)
  wald <- as.numeric(t(d) %*% solve(V) %*% d)
  list(loss = best$value, b = bu, V = V, wald = wald, p = 1 - pchisq(wald, 2))
}

emit_esr <- function(name, y, a, cc, alpha) {
  f <- esr_fit(y, a, cc, alpha)
  cat("esr", name, sprintf("%.17g", c(alpha, f$loss, f$b, f$V[1, 1], f$V[1, 2], f$V[2, 2], f$wald, f$p)), "\n")
  line(y); line(a); line(cc)
}

set.seed(2020)

# Weighted quantile regressions (exact, Barrodale-Roberts): the quantile step of the estimator.
for (k in 1:2) {
  n <- c(300, 1000)[k]
  a <- rnorm(n)
  y <- 0.5 + 0.8 * a + (1 + 0.3 * abs(a)) * rt(n, 5)
  w <- runif(n, 0.5, 2)
  tau <- c(0.025, 0.05)[k]
  fit <- rq(y ~ a, tau = tau, weights = w)
  cat("wqr", paste0("case", k), sprintf("%.17g", c(tau, coef(fit))), "\n")
  line(y); line(a); line(w)
}

# ESR fits. Returns with GARCH-like volatility s_t known to the forecaster: under the null the forecasts are the
# true normal quantile and ES; "es-too-low" scales the ES forecasts by 0.8; both at 2.5% on 1000 days.
# A time-varying mean keeps the VaR and ES forecasts from being proportional, so strict and auxiliary differ.
n <- 1000
s <- exp(0.4 * sin((1:n) / 40) + 0.3 * rnorm(n))
mu <- 0.2 * sin((1:n) / 17)
r <- mu + s * rnorm(n)
alpha <- 0.025
z <- qnorm(alpha)
q <- mu + s * z
e <- mu - s * dnorm(z) / alpha
emit_esr("strict-null", r, e, e, alpha)
emit_esr("aux-null", r, q, e, alpha)
emit_esr("strict-es-too-low", r, 0.8 * e, 0.8 * e, alpha)
emit_esr("aux-es-too-low", r, q, 0.8 * e, alpha)

# Student-t(4) returns with normal forecasts at 1%: ES too thin.
n <- 1500
s <- exp(0.3 * sin((1:n) / 60) + 0.3 * rnorm(n))
mu <- 0.1 * cos((1:n) / 23)
r <- mu + s * rt(n, 4) / sqrt(2)
alpha <- 0.01
z <- qnorm(alpha)
e <- mu - s * dnorm(z) / alpha
emit_esr("strict-t4-normal", r, e, e, alpha)
emit_esr("aux-t4-normal", r, mu + s * z, e, alpha)
