import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";

import { AccessDenied } from "@/components/auth/access-denied";
import formStyles from "@/components/auth/forms.module.css";
import { buildSignInPath } from "@/components/auth/paths";
import { ImportForm } from "@/components/sources/import-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/policy";

/** Title of the page. */
export const metadata: Metadata = { title: "Import sources" };

/** Imports BibTeX, RIS or CSL-JSON into the library: annotators and above. */
export default async function ImportSourcesPage() {
  await connection();
  const user = await getCurrentUser();
  if (!user) {
    redirect(buildSignInPath("/sources/import"));
  }
  if (!can(user, "source.create")) {
    return (
      <AccessDenied title="Import sources">
        <p>Importing sources needs the annotator role or above.</p>
      </AccessDenied>
    );
  }
  return (
    <>
      <p>
        <Link href="/sources">← Sources</Link>
      </p>
      <h1 className="page-title">Import sources</h1>
      <p className="lede">
        Paste or upload BibTeX, RIS or CSL-JSON. If some entries have errors, they are listed with
        their line and nothing is imported until you confirm importing the valid ones. Sources
        already in the library are skipped.
      </p>
      <section className={`${formStyles.panel} ${formStyles.panelWide}`} aria-label="Import">
        <ImportForm />
      </section>
    </>
  );
}
