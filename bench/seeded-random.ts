/**
 * Seeded randomness for the benchmarks: the same seed gives the same data on every machine, so
 * runs (and RESULTS.md) stay comparable.
 */

/** A seeded generator and the helpers the benchmarks build their data with. */
export interface SeededRandom {
  /** A number in [0, 1). */
  random: () => number;
  /** A random integer in [min, max]. */
  randomInt: (min: number, max: number) => number;
  /** A random element; throws for an empty list. */
  pick: <T>(items: readonly T[]) => T;
}

/**
 * A generator seeded with `seed`: mulberry32, a tiny, well-distributed 32-bit PRNG; same seed,
 * same sequence, on every machine.
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    random,
    randomInt: (min, max) => min + Math.floor(random() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(random() * items.length)];
      if (item === undefined) {
        throw new Error("pick from an empty list");
      }
      return item;
    },
  };
}
