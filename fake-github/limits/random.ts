// Stateless seeded randomness: the value for (seed, index, salt) never depends
// on what was drawn before, so a fault or jitter sequence replays exactly.

function mix(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A uniform number in [0, 1) determined only by its arguments. */
export function hashUnit(seed: number, index: number, salt = 0): number {
  const high = Math.floor(index / 0x1_0000_0000);
  return mix(mix(mix(mix(seed) ^ (index >>> 0)) ^ high) ^ salt) / 0x1_0000_0000;
}
