import "server-only";

import { prisma } from "@/lib/db";

/**
 * True once any account exists. Until then the site is being set up: whatever the registration
 * mode, the first account may register and becomes the administrator (see registerUser).
 */
export async function hasAnyAccount(): Promise<boolean> {
  return (await prisma.user.findFirst({ select: { id: true } })) !== null;
}
