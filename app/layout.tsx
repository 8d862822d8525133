import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

import { SiteFooter } from "@/components/ui/site-footer";
import { SiteHeader } from "@/components/ui/site-header";
import { UserMenu } from "@/components/ui/user-menu";
import { getRegistrationMode } from "@/lib/accounts/registration-mode";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { isDatabaseUnavailableError } from "@/lib/db";

import "./globals.css";

/** Site-wide metadata; pages set their own title, which the template suffixes with the site name. */
export const metadata: Metadata = {
  title: { default: "Apparatus", template: "%s · Apparatus" },
  description:
    "Apparatus, a source-critique workbench: read an article closely, annotate its claims, weigh its sources.",
};

/** Paper in light mode, ink in dark mode, for browser chrome that follows the page. */
export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf6" },
    { media: "(prefers-color-scheme: dark)", color: "#171614" },
  ],
};

/**
 * The signed-in user for the header's account menu. While the database is unreachable the header
 * shows the anonymous links; the page itself explains the outage.
 */
async function findHeaderUser(): Promise<CurrentUser | null> {
  try {
    return await getCurrentUser();
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return null;
    }
    throw error;
  }
}

/**
 * The root layout: skip link, site header (banner) with the account menu, the page in `<main>`,
 * site footer. `<main id="main">` is the skip link's target; it takes focus programmatically only.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await findHeaderUser();
  const canRegister = getRegistrationMode() === "open";
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader actions={<UserMenu user={user} canRegister={canRegister} />} />
        <main id="main" className="site-main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
