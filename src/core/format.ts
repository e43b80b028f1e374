/**
 * Text the core and the views write for people: counts with their noun, and values with their unit.
 * Pure, so the core's pattern text and every screen word things the same way.
 */

/** "1 rep", "3 reps"; `plural` for nouns that do not take an s. */
export const countOf = (n: number, noun: string, plural = `${noun}s`): string =>
  `${n} ${n === 1 ? noun : plural}`;

/** Just the noun for `n`: "rep" or "reps". */
export const nounFor = (n: number, noun: string, plural = `${noun}s`): string => (n === 1 ? noun : plural);
