/**
 * Demo accounts, one per role, created on the embedded default so that a newcomer can try every
 * part of the app at once. Listed in the README. Never created on a DATABASE_URL database unless
 * `SEED_DEMO_ACCOUNTS=1` asks for them.
 */
import type { Role } from "@/lib/generated/prisma/enums";

/** One demo account. */
export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  affiliation: string;
}

/** The shared password of every demo account (documented; demo data only). */
export const DEMO_PASSWORD = "apparatus-demo-2026";

/** The demo accounts, one per role. */
export const demoAccounts: DemoAccount[] = [
  { email: "admin@apparatus.test", name: "Ada Admin", role: "ADMIN", affiliation: "Apparatus" },
  {
    email: "moderator@apparatus.test",
    name: "Mona Moderator",
    role: "MODERATOR",
    affiliation: "Department of History",
  },
  {
    email: "annotator@apparatus.test",
    name: "Anwar Annotator",
    role: "ANNOTATOR",
    affiliation: "Centre for Afghan Studies",
  },
  { email: "reader@apparatus.test", name: "Rita Reader", role: "READER", affiliation: "" },
];
