import { apiRoute } from "@/lib/api/api-route";
import { AppError } from "@/lib/errors";

/** GET /api/me: who the API sees (by session cookie or bearer token). */
export const GET = apiRoute(async ({ actor }) => {
  if (!actor) {
    throw new AppError(
      "UNAUTHENTICATED",
      "Not signed in: send a session cookie or `Authorization: Bearer <token>`.",
    );
  }
  return { id: actor.id, role: actor.role };
});
