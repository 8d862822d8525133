/**
 * Walks an error and its `cause` chain (each link once, so a cycle ends the walk) and says whether
 * any link passes `test`. Driver errors arrive wrapped by Prisma, sometimes several times over.
 */
export function someInCauseChain(error: unknown, test: (link: object) => boolean): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    if (test(current)) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
