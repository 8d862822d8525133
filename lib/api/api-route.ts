import "server-only";

import type { Actor } from "@/lib/auth/policy";

import { handleApiError } from "./handle-api-error";
import { resolveApiActor } from "./resolve-api-actor";

/** What a route body receives. */
export interface ApiContext<Params> {
  request: Request;
  /** The caller (token owner or session user), or null when anonymous. */
  actor: Actor | null;
  params: Params;
}

/**
 * Wraps an App Router route handler: resolves the caller (bearer token or session, with the CSRF
 * origin check for cookie-authenticated writes), runs the body, and turns thrown errors into JSON
 * error responses. A body that returns a Response sends it as is; anything else is sent as JSON.
 */
export function apiRoute<Params = Record<string, never>>(
  body: (context: ApiContext<Params>) => Promise<Response | unknown>,
) {
  return async (request: Request, route: { params: Promise<Params> }): Promise<Response> => {
    try {
      const actor = await resolveApiActor(request);
      const params = await route.params;
      const result = await body({ request, actor, params });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return handleApiError(error);
    }
  };
}
