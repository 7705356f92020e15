/**
 * Upper quantiles of the negative binomial distribution (gamma-Poisson), the noise model for
 * per-minute counts: variance = mean + alpha * mean². alpha = 0 is Poisson.
 */

/** Quantile steps: means and alphas are rounded up to the next step, so thresholds err high. */
const MU_STEP = 0.01;
const ALPHA_STEP = 0.02;
const caches = new Map<number, Map<number, number>>();

/**
 * The smallest integer x with P(X >= x) <= tail for X ~ NB(mean mu, dispersion alpha).
 * mu and alpha are rounded up onto a 1% / 2% log grid and the answer is cached, because the
 * detector asks for a threshold every minute of every series.
 */
export function nbUpperCount(mu: number, alpha: number, tail: number): number {
  if (!(mu > 0)) return 1;
  const muIdx = Math.ceil(Math.log(mu) / MU_STEP);
  const alphaIdx = alpha > 1e-4 ? Math.ceil(Math.log(alpha) / ALPHA_STEP) : -1_000;
  const key = muIdx * 8192 + alphaIdx;
  let cache = caches.get(tail);
  if (!cache) {
    cache = new Map();
    caches.set(tail, cache);
  }
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = exactUpperCount(
    Math.exp(muIdx * MU_STEP),
    alphaIdx === -1_000 ? 0 : Math.exp(alphaIdx * ALPHA_STEP),
    tail,
  );
  cache.set(key, value);
  return value;
}

/**
 * P(X >= x) for X ~ NB(mu, alpha): summed upwards from x when x is past the mean (the terms fall
 * geometrically there), else 1 - P(X < x). Used for candidate minutes only.
 */
export function nbTail(x: number, mu: number, alpha: number): number {
  if (x <= 0) return 1;
  if (!(mu > 0)) return 0;
  if (x <= mu + 1) {
    let pmf = pmfZero(mu, alpha);
    if (pmf === 0) return normalTail(x, mu, alpha);
    let cdf = 0;
    for (let k = 0; k < x; k++) {
      cdf += pmf;
      pmf *= nextRatio(k, mu, alpha);
    }
    return Math.max(0, 1 - cdf);
  }
  let term = Math.exp(logPmf(x, mu, alpha));
  let sum = 0;
  for (let k = x; term > 0 && k < x + 1_000_000; k++) {
    sum += term;
    if (term < sum * 1e-12) break;
    term *= nextRatio(k, mu, alpha);
  }
  return Math.min(1, sum);
}

function logPmf(k: number, mu: number, alpha: number): number {
  if (alpha === 0) return k * Math.log(mu) - mu - logGamma(k + 1);
  const r = 1 / alpha;
  return (
    logGamma(k + r) -
    logGamma(r) -
    logGamma(k + 1) +
    r * Math.log(r / (r + mu)) +
    k * Math.log(mu / (r + mu))
  );
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function exactUpperCount(mu: number, alpha: number, tail: number): number {
  let pmf = pmfZero(mu, alpha);
  // Far too large a mean for the recurrence to start from zero: a skew-corrected normal is exact
  // enough there, since the ratio rule decides at such volumes anyway.
  if (pmf === 0) return normalUpperCount(mu, alpha, tail);
  let cdf = 0;
  for (let k = 0; k < 1_000_000; k++) {
    cdf += pmf;
    if (1 - cdf <= tail) return k + 1;
    pmf *= nextRatio(k, mu, alpha);
  }
  return normalUpperCount(mu, alpha, tail);
}

function pmfZero(mu: number, alpha: number): number {
  if (alpha === 0) return Math.exp(-mu);
  const r = 1 / alpha;
  return Math.exp(r * Math.log(r / (r + mu)));
}

/** pmf(k + 1) / pmf(k). */
function nextRatio(k: number, mu: number, alpha: number): number {
  if (alpha === 0) return mu / (k + 1);
  const r = 1 / alpha;
  return ((k + r) / (k + 1)) * (mu / (r + mu));
}

function normalUpperCount(mu: number, alpha: number, tail: number): number {
  const sd = Math.sqrt(mu + alpha * mu * mu);
  // z for the tail by bisection on the complementary error function.
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (0.5 * erfc(mid / Math.SQRT2) > tail) lo = mid;
    else hi = mid;
  }
  const skew = (1 + 2 * alpha * mu) / sd;
  const z = hi + (skew / 6) * (hi * hi - 1);
  return Math.ceil(mu + z * sd);
}

function normalTail(x: number, mu: number, alpha: number): number {
  const sd = Math.sqrt(mu + alpha * mu * mu);
  return 0.5 * erfc((x - 0.5 - mu) / sd / Math.SQRT2);
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
