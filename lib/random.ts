/**
 * Seeded randomness for the simulator, the detector's harness and tests: runs must be
 * reproducible from a seed, so Math.random is never used there.
 */

/** A uniform random number in [0, 1). */
export type Rng = () => number;

/** mulberry32: a tiny, fast 32-bit generator, good enough for simulation (not for secrets). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
