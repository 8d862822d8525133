import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";

import { AccessDenied } from "@/components/auth/access-denied";
import formStyles from "@/components/auth/forms.module.css";
import { buildSignInPath } from "@/components/auth/paths";
import { SourceForm } from "@/components/sources/source-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors";
import { findSource, type SourceDetail } from "@/lib/sources/find-source";
import { canChangeSource } from "@/lib/sources/find-source-for-change";
import { toSourceFormValues } from "@/lib/sources/source-form";

/** Title of the page. */
export const metadata: Metadata = { title: "Edit source" };

/** Route props: Next 16 passes `params` as a promise. */
interface EditSourcePageProps {
  params: Promise<{ id: string }>;
}

/** The edit form of a source: its creator or a moderator. */
export default async function EditSourcePage({ params }: EditSourcePageProps) {
  await connection();
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) {
    redirect(buildSignInPath(`/sources/${encodeURIComponent(id)}/edit`));
  }
  let source: SourceDetail;
  try {
    source = await findSource(id);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "INVALID_INPUT")) {
      notFound();
    }
    throw error;
  }
  if (source.isDeleted || source.mergedInto) {
    notFound();
  }
  if (!canChangeSource(user, source.createdBy?.id ?? null)) {
    return (
      <AccessDenied
        title="Edit source"
        back={{ href: `/sources/${source.id}`, label: `Back to “${source.title}”` }}
      >
        <p>Only the source&rsquo;s creator or a moderator can edit it.</p>
      </AccessDenied>
    );
  }
  const { values, extra } = toSourceFormValues(source.csl);
  return (
    <>
      <p>
        <Link href={`/sources/${source.id}`}>← {source.title}</Link>
      </p>
      <h1 className="page-title">Edit source</h1>
      <section className={`${formStyles.panel} ${formStyles.panelWide}`} aria-label="Edit source">
        <SourceForm
          initial={{
            id: source.id,
            version: source.version,
            key: source.key,
            values,
            extra,
            category: source.category ?? "",
            proximity: source.proximity,
            authorPosition: source.authorPosition,
            critique: source.critique,
          }}
        />
      </section>
    </>
  );
}
