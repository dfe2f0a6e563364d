/**
 * A function of a string remembered per isolate, for answers that never change there (a key's
 * digest, the policy a key name selects). Bounded: when `max` answers are kept the table is
 * emptied and refills with what is asked next — a flood of distinct keys costs recomputation,
 * never memory. `keep` decides which keys are worth remembering (e.g. not very long ones).
 */
export function boundedMemo<V>(max: number, compute: (key: string) => V, keep: (key: string) => boolean = () => true): (key: string) => V {
  const table = new Map<string, V>();
  return (key) => {
    const known = table.get(key);
    if (known !== undefined || table.has(key)) return known as V;
    const value = compute(key);
    if (keep(key)) {
      if (table.size >= max) table.clear();
      table.set(key, value);
    }
    return value;
  };
}
