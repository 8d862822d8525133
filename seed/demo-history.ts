import "server-only";

import { prisma } from "@/lib/db";

/*
 * Times for the demo history. The demo seed writes through the real use cases, so every row and
 * audit event it makes carries the seeding minute; a claim page whose timeline shows every event at
 * one minute looks fake. After each step the seed moves what that step wrote to a fixed time in the
 * weeks before the seeding day, in the order of the story: the demo accounts join, the article is
 * imported, the library is built and assessed, passages are flagged, and each dispute is argued
 * over the following days. The times depend only on the seeding day (UTC), so a seed is
 * deterministic, and all of them lie before that day began, so they are in the past and never
 * collide with anything written on the day itself.
 */

/** One minute, in milliseconds. */
export const MINUTE_MS = 60_000;

/** One day, in milliseconds. */
const DAY_MS = 24 * 60 * MINUTE_MS;

/** A time of the demo history: so many days before the seeding day, at a time of day (UTC). */
export interface DemoMoment {
  daysBefore: number;
  /** `HH:MM`, 24-hour, UTC. */
  time: string;
}

/** Fixed points of the demo history; the rest is reckoned from them. */
export const DEMO_SCHEDULE = {
  /** The first demo account joins; the others follow an hour apart. */
  accountsJoin: { daysBefore: 52, time: "09:00" },
  /** The shipped article is imported (its first revision). */
  articleImported: { daysBefore: 50, time: "14:30" },
  /** The first demo source is catalogued; the others follow (see seed/demo-sources.ts). */
  libraryStarts: { daysBefore: 47, time: "10:00" },
} satisfies Record<string, DemoMoment>;

/** Midnight (UTC) at the start of the day `now` falls on: the day the seed runs. */
export function startOfSeedingDay(now: Date = new Date()): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

/** The instant of `moment`, reckoned back from the seeding day `day`. */
export function demoTime(day: Date, moment: DemoMoment): Date {
  const match = /^(\d{2}):(\d{2})$/.exec(moment.time);
  if (!match) {
    throw new Error(`not a time of day: ${moment.time}`);
  }
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return new Date(day.getTime() - moment.daysBefore * DAY_MS + minutes * MINUTE_MS);
}

/** `at` moved on by `minutes`. */
export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * MINUTE_MS);
}

/**
 * Moves the audit events of one subject written since `since` (by the step just taken) to `at`,
 * one second apart in the order they were written, so that they keep that order and their times
 * stay distinct.
 */
export async function restampEventsSince(
  subject: { type: string; id: string },
  since: Date,
  at: Date,
): Promise<void> {
  const events = await prisma.auditEvent.findMany({
    where: { subjectType: subject.type, subjectId: subject.id, createdAt: { gte: since } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  for (const [index, event] of events.entries()) {
    await prisma.auditEvent.update({
      where: { id: event.id },
      data: { createdAt: new Date(at.getTime() + index * 1000) },
    });
  }
}

/**
 * Dates a demo annotation at `at`: the annotation, its anchors, its claim (if a claim flag) and the
 * `annotation.create` event, in one transaction. It is the first event of a claim's timeline.
 */
export async function backdateAnnotation(annotationId: string, at: Date): Promise<void> {
  await prisma.$transaction([
    prisma.annotation.update({
      where: { id: annotationId },
      data: { createdAt: at, updatedAt: at },
    }),
    prisma.annotationAnchor.updateMany({ where: { annotationId }, data: { createdAt: at } }),
    prisma.claim.updateMany({ where: { annotationId }, data: { createdAt: at, updatedAt: at } }),
    prisma.auditEvent.updateMany({
      where: { subjectType: "Annotation", subjectId: annotationId, action: "annotation.create" },
      data: { createdAt: at },
    }),
  ]);
}

/**
 * Dates the first revision of an article the seed has just imported at `at`: the revision, the
 * article row and the import's audit event. Later revisions (a scholar's imports) are left alone.
 */
export async function backdateSeedImport(slug: string, at: Date): Promise<void> {
  const revision = await prisma.articleRevision.findFirst({
    where: { article: { slug }, number: 1 },
    select: { id: true, articleId: true },
  });
  if (!revision) {
    return;
  }
  await prisma.$transaction([
    prisma.articleRevision.update({ where: { id: revision.id }, data: { createdAt: at } }),
    prisma.article.update({
      where: { id: revision.articleId },
      data: { createdAt: at, updatedAt: at },
    }),
    prisma.auditEvent.updateMany({
      where: { subjectType: "ArticleRevision", subjectId: revision.id, action: "article.import" },
      data: { createdAt: at },
    }),
  ]);
}
