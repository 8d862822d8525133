import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  /** The session as our callbacks shape it: the user's id and the session version it was issued at. */
  interface Session {
    userId: string | null;
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  /** Our claims in the session token. */
  interface JWT {
    sessionVersion?: number;
  }
}
