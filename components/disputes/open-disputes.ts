import type { AnnotationItem } from "@/components/annotations/annotation-display";
import { countBySection } from "@/components/annotations/annotation-filters";
import { isOpenDisputeStatus } from "@/lib/disputes/claim-lifecycle";

/**
 * Open disputes (claims open or under review) per section anchor, among the annotations given
 * (the reader passes every annotation it can see, whatever the layer and filters: a dispute stays
 * open whoever looks). Orphaned claims are in no section; the lead counts under its own key.
 */
export function countOpenDisputesBySection(
  annotations: readonly AnnotationItem[],
): Record<string, number> {
  return countBySection(
    annotations.filter(
      (annotation) => !!annotation.claim && isOpenDisputeStatus(annotation.claim.status),
    ),
  );
}
