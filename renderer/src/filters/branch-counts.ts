/** The answer matched to the branches it was asked for; a stale answer (another list) gives none. */
export function countsByBranch(
  branches: readonly string[] | undefined,
  counts: readonly number[] | undefined,
): ReadonlyMap<string, number> {
  if (branches === undefined || counts === undefined || counts.length !== branches.length) return new Map();
  return new Map(branches.map((branch, index) => [branch, counts[index] ?? 0]));
}
