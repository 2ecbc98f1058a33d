# Reference values of the innovation distributions for RiskGrid's tests, computed independently of
# RiskGrid's closed forms. Run from this folder:  Rscript distributions.R > distributions.txt
#
# Hansen (1994) skewed Student-t, arch's parameterisation (eta > 2, -1 < lambda < 1): the density is
# written out from its definition; the CDF is integrate() of that density, the quantile uniroot() on
# that CDF, the loss ES -E[Z | Z <= q] integrate() of z f(z) over the tail.
# GED (unit variance, shape nu): fGarch's dged/pged/qged; the ES by integrate() of z dged(z).
# Columns: quantity, parameter 1, parameter 2 (NA for the GED), argument, value.
#   logpdf/cdf: argument z;  quantile: argument p (the p-quantile);  es: argument alpha (loss ES at level alpha).
suppressMessages(library(fGarch))

skewt.const <- function(eta, lambda) {
  c <- gamma((eta + 1) / 2) / (sqrt(pi * (eta - 2)) * gamma(eta / 2))
  a <- 4 * lambda * c * (eta - 2) / (eta - 1)
  b <- sqrt(1 + 3 * lambda^2 - a^2)
  list(a = a, b = b, c = c)
}
dskewt <- function(z, eta, lambda) {
  k <- skewt.const(eta, lambda)
  s <- ifelse(z < -k$a / k$b, 1 - lambda, 1 + lambda)
  k$b * k$c * (1 + ((k$b * z + k$a) / s)^2 / (eta - 2))^(-(eta + 1) / 2)
}
tol <- 1e-13
pskewt <- function(q, eta, lambda) {
  k <- skewt.const(eta, lambda)
  mode <- -k$a / k$b
  f <- function(z) dskewt(z, eta, lambda)
  if (q <= mode) integrate(f, -Inf, q, rel.tol = tol, abs.tol = 0)$value
  else integrate(f, -Inf, mode, rel.tol = tol, abs.tol = 0)$value + integrate(f, mode, q, rel.tol = tol, abs.tol = 0)$value
}
qskewt <- function(p, eta, lambda) uniroot(function(z) pskewt(z, eta, lambda) - p, c(-40, 40), tol = 1e-14)$root
esskewt <- function(alpha, eta, lambda) {
  p <- 1 - alpha
  q <- qskewt(p, eta, lambda)
  k <- skewt.const(eta, lambda)
  mode <- -k$a / k$b
  g <- function(z) z * dskewt(z, eta, lambda)
  m <- if (q <= mode) integrate(g, -Inf, q, rel.tol = tol, abs.tol = 0)$value
       else integrate(g, -Inf, mode, rel.tol = tol, abs.tol = 0)$value + integrate(g, mode, q, rel.tol = tol, abs.tol = 0)$value
  -m / p
}
esged <- function(alpha, nu) {
  q <- qged(alpha, nu = nu)
  integrate(function(z) z * dged(z, nu = nu), q, Inf, rel.tol = tol, abs.tol = 0)$value / (1 - alpha)
}

out <- function(quantity, p1, p2, x, value) cat(sprintf("%s %.10g %s %.10g %.17g\n", quantity, p1, p2, x, value))

cat("# Reference values of the skewed t (Hansen) and GED, produced by distributions.R (R",
    paste(R.version$major, R.version$minor, sep = "."), ", fGarch", as.character(packageVersion("fGarch")), "); do not edit by hand.\n")
for (par in list(c(5, -0.3), c(8, 0.2), c(30, -0.6), c(4.1, 0.5))) {
  eta <- par[1]; lambda <- par[2]
  for (z in c(-4, -1.3, -0.2, 0, 0.4, 2.2, 5)) {
    out("skewt-logpdf", eta, lambda, z, log(dskewt(z, eta, lambda)))
    out("skewt-cdf", eta, lambda, z, pskewt(z, eta, lambda))
  }
  for (p in c(0.001, 0.01, 0.05, 0.5, 0.95, 0.99)) out("skewt-quantile", eta, lambda, p, qskewt(p, eta, lambda))
  for (alpha in c(0.95, 0.975, 0.99)) out("skewt-es", eta, lambda, alpha, esskewt(alpha, eta, lambda))
}
for (nu in c(0.8, 1.3, 2, 3.5)) {
  for (z in c(-4, -1.3, -0.2, 0, 0.4, 2.2, 5)) {
    out("ged-logpdf", nu, "NA", z, log(dged(z, nu = nu)))
    out("ged-cdf", nu, "NA", z, pged(z, nu = nu))
  }
  for (p in c(0.001, 0.01, 0.05, 0.5, 0.95, 0.99)) out("ged-quantile", nu, "NA", p, qged(p, nu = nu))
  for (alpha in c(0.95, 0.975, 0.99)) out("ged-es", nu, "NA", alpha, esged(alpha, nu))
}
