import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";

import { AccessDenied } from "@/components/auth/access-denied";
import formStyles from "@/components/auth/forms.module.css";
import { buildSignInPath } from "@/components/auth/paths";
import { SourceForm } from "@/components/sources/source-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/policy";

/** Title of the page. */
export const metadata: Metadata = { title: "Add a source" };

/** The form for a new source: annotators and above. */
export default async function NewSourcePage() {
  await connection();
  const user = await getCurrentUser();
  if (!user) {
    redirect(buildSignInPath("/sources/new"));
  }
  if (!can(user, "source.create")) {
    return (
      <AccessDenied title="Add a source">
        <p>Adding sources needs the annotator role or above.</p>
      </AccessDenied>
    );
  }
  return (
    <>
      <p>
        <Link href="/sources">← Sources</Link>
      </p>
      <h1 className="page-title">Add a source</h1>
      <section className={`${formStyles.panel} ${formStyles.panelWide}`} aria-label="New source">
        <SourceForm />
      </section>
    </>
  );
}
