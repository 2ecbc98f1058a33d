#!/usr/bin/Rscript
# Reference values for the intercept ESR backtest (esback's esr_backtest(version = 3), I(r - e) ~ e | 1) and
# QuantileEsRegression.ConstantEsFitter (EsrBacktestTests).
#
# Run: Rscript tests/Core.Tests/Reference/esr-intercept.R > tests/Core.Tests/Reference/esr-intercept.txt
# (Debian r-cran-quantreg; esreg itself is not packaged.) Independent of the C# code: y = r - e is shifted by its
# maximum as esreg does; the quantile line is quantreg::rq(y ~ e, tau = alpha) (Barrodale-Roberts, exact); the ES
# constant g0 minimises the FZ0 loss (G1 = 0, G2 = -1/z) with that line held, by optimize(); then Nelder-Mead on the
# joint loss over (b0, b1, g0) from seeded perturbed starts must find no lower loss (the script stops if it does).
# The variance of g0 is esreg's sandwich with misspec = FALSE and the "ind" truncated variance for an ES equation on
# a constant, written out below (the quantile line's two basis points always in the tail, as in the C#).
# Lines:
#   esri NAME ALPHA B0 B1 G0 VAR LOSS     then lines r, e (the return and the ES forecast in returns, e = -ES)
suppressMessages(library(quantreg))
options(digits = 17)

line <- function(x) cat(paste(sprintf("%.17g", x), collapse = " "), "\n")

fz0 <- function(q, g, y, alpha) {
  if (g >= 0) return(1e10)
  h <- y <= q
  mean((q - (q - y) * h / alpha) / g + log(-g)) - 1
}

esri_fit <- function(r, e, alpha) {
  y <- r - e
  m <- max(y)
  ys <- y - m
  b <- coef(suppressWarnings(rq(ys ~ e, tau = alpha)))
  q <- as.numeric(b[1] + b[2] * e)
  opt <- optimize(function(g) fz0(q, g, ys, alpha), c(min(ys) - 10 * sd(ys), -1e-12), tol = 1e-14)
  g <- opt$minimum
  loss <- fz0(q, g, ys, alpha)
  joint <- function(par) fz0(par[1] + par[2] * e, par[3], ys, alpha)
  best <- loss
  for (k in 1:40) {
    start <- c(b, g) + rnorm(3, sd = pmax(abs(c(b, g)) * 0.05, 1e-3))
    trial <- optim(start, joint, method = "Nelder-Mead", control = list(maxit = 20000, reltol = 1e-15))
    best <- min(best, trial$value)
  }
  if (best < loss - 1e-10) stop("Nelder-Mead found a lower joint loss than rq + optimize: ", best, " < ", loss)
  u <- ys - q
  cv <- var(u[u <= 1e-12 * (1 + max(abs(y)))])  # rq's basis points (residual ~1e-16 either way) counted in the tail
  n <- length(y)
  v <- sum(cv / alpha + (1 - alpha) / alpha * (q - g)^2) / n^2
  list(b = c(b[1] + m, b[2]), g = g + m, v = v, loss = loss)
}

emit <- function(name, r, e, alpha) {
  f <- esri_fit(r, e, alpha)
  cat("esri", name, sprintf("%.17g", c(alpha, f$b, f$g, f$v, f$loss)), "\n")
  line(r); line(e)
}

set.seed(2021)

# Heteroskedastic returns whose volatility s_t the forecaster knows; normal forecasts of the true ES at 2.5% (null),
# the same ES scaled by 0.8 (too low), and normal forecasts on Student-t(4) returns at 1%. Lengths with T p not an
# integer, so that the quantile regression's solution is unique.
n <- 1001
s <- exp(0.5 * sin((1:n) / 40) + 0.3 * rnorm(n))
r <- s * rnorm(n)
alpha <- 0.025
e <- -s * dnorm(qnorm(alpha)) / alpha
emit("null", r, e, alpha)
emit("es-too-low", r, 0.8 * e, alpha)

n <- 1499
s <- exp(0.3 * sin((1:n) / 60) + 0.4 * rnorm(n))
r <- s * rt(n, 4) / sqrt(2)
alpha <- 0.01
emit("t4-normal", r, -s * dnorm(qnorm(alpha)) / alpha, alpha)

n <- 251
s <- exp(0.4 * rnorm(n))
r <- s * rnorm(n)
alpha <- 0.05
emit("short-null", r, -s * dnorm(qnorm(alpha)) / alpha, alpha)
