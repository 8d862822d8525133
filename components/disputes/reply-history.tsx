"use client";

import { useEffect, useState } from "react";

import { AnnotationBodyView } from "@/components/annotations/annotation-body-view";
import { FormStatus } from "@/components/auth/form-controls";
import { FormattedDate } from "@/components/ui/formatted-date";
import { listReplyVersionsAction } from "@/lib/disputes/actions";
import { REPLY_STANCE_LABELS } from "@/lib/disputes/labels";

import styles from "./disputes.module.css";

/** Props of {@link ReplyHistory}. */
export interface ReplyHistoryProps {
  replyId: string;
}

/** The versions as the action returns them. */
type VersionsResult = Awaited<ReturnType<typeof listReplyVersionsAction>>;

/**
 * The earlier versions of an edited reply, oldest first, loaded when opened: each with its
 * number, when and by whom it was replaced, its stance and its text. Nothing is lost by an edit.
 */
export function ReplyHistory({ replyId }: ReplyHistoryProps) {
  const [result, setResult] = useState<VersionsResult | null>(null);
  const [hasFailed, setFailed] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    listReplyVersionsAction({ id: replyId })
      .then((loaded) => {
        if (isCurrent) {
          setResult(loaded);
        }
      })
      .catch(() => {
        if (isCurrent) {
          setFailed(true);
        }
      });
    return () => {
      isCurrent = false;
    };
  }, [replyId]);

  if (hasFailed) {
    return (
      <FormStatus
        state={{ status: "error", message: "The earlier versions could not be loaded." }}
        isInline
      />
    );
  }
  if (!result) {
    return (
      <p className={styles.stub} role="status">
        Loading earlier versions…
      </p>
    );
  }
  if (result.status === "error") {
    return <FormStatus state={result} isInline />;
  }
  const versions = result.versions ?? [];
  return (
    <section aria-label="Earlier versions">
      <ol className={styles.versions}>
        {versions.map((version) => (
          <li key={version.version}>
            <p className={styles.meta}>
              <span>Version {version.version}</span>
              <span aria-hidden="true">·</span>
              <span>
                replaced on <FormattedDate date={new Date(version.replacedAt)} />
                {version.replacedBy ? ` by ${version.replacedBy.name}` : ""}
              </span>
              {version.stance ? <span>{REPLY_STANCE_LABELS[version.stance]}</span> : null}
            </p>
            <AnnotationBodyView
              body={version.body}
              fallbackText={version.bodyText}
              className={styles.replyBody}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}
