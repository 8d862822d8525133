import { apiRoute } from "@/lib/api/api-route";
import { findSource } from "@/lib/sources/find-source";

type Params = { id: string };

/** GET /api/sources/:id: one source with its critique, assessments, citations and history. */
export const GET = apiRoute<Params>(async ({ params }) => ({
  source: await findSource(params.id),
}));
