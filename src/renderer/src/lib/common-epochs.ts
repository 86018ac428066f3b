// The epochs several runs can be shown at together: those each of them has a snapshot of.

/** Sorted epochs present in every list (none when there is no list). */
export function commonEpochs(lists: readonly (readonly number[])[]): number[] {
  if (lists.length === 0) return [];
  const [first, ...rest] = lists;
  return [...new Set(first)].filter((e) => rest.every((l) => l.includes(e))).sort((a, b) => a - b);
}
