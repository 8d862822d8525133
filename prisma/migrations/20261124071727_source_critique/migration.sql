-- CreateEnum
CREATE TYPE "SourceCategory" AS ENUM ('PRIMARY', 'SECONDARY', 'TERTIARY');

-- CreateEnum
CREATE TYPE "SourceProximity" AS ENUM ('PARTICIPANT', 'CONTEMPORARY', 'RETROSPECTIVE', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "EvidenceRelation" AS ENUM ('SUPPORTS', 'CONTRADICTS', 'CONTEXTUALISES', 'MENTIONS');

-- CreateEnum
CREATE TYPE "ReplyStance" AS ENUM ('SUPPORTS', 'OPPOSES', 'QUESTION', 'NEUTRAL');

-- AlterTable
ALTER TABLE "BibliographyEntry" ADD COLUMN     "sourceId" UUID;

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "lockedAt" TIMESTAMP(3),
ADD COLUMN     "lockedById" UUID,
ADD COLUMN     "statusChangedAt" TIMESTAMP(3),
ADD COLUMN     "statusChangedById" UUID,
ADD COLUMN     "statusRationale" TEXT,
ADD COLUMN     "title" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "Source" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "csl" JSONB NOT NULL,
    "authorsText" TEXT NOT NULL DEFAULT '',
    "year" INTEGER,
    "doi" TEXT,
    "isbn" TEXT,
    "titleKey" TEXT NOT NULL,
    "authorKey" TEXT NOT NULL DEFAULT '',
    "category" "SourceCategory",
    "authorPosition" TEXT NOT NULL DEFAULT '',
    "proximity" "SourceProximity" NOT NULL DEFAULT 'UNKNOWN',
    "critique" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "mergedIntoId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SourceAssessment" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "rating" INTEGER NOT NULL,
    "rationale" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "SourceAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimAccount" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "bodyText" TEXT NOT NULL DEFAULT '',
    "proponents" TEXT NOT NULL DEFAULT '',
    "createdById" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ClaimAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimAccountVersion" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "bodyText" TEXT NOT NULL,
    "proponents" TEXT NOT NULL,
    "editedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimAccountVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" UUID NOT NULL,
    "accountId" UUID,
    "replyId" UUID,
    "relation" "EvidenceRelation" NOT NULL,
    "sourceId" UUID,
    "locatorLabel" TEXT,
    "locator" TEXT,
    "quote" TEXT,
    "passageRevisionId" UUID,
    "passageExact" TEXT,
    "passagePrefix" TEXT,
    "passageSuffix" TEXT,
    "passageStart" INTEGER,
    "passageEnd" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "deletedById" UUID,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reply" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "inReplyToId" UUID,
    "body" JSONB NOT NULL,
    "bodyText" TEXT NOT NULL DEFAULT '',
    "stance" "ReplyStance",
    "stanceAccountId" UUID,
    "mentionedUserIds" UUID[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "hiddenById" UUID,
    "hiddenReason" TEXT,

    CONSTRAINT "Reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplyVersion" (
    "id" UUID NOT NULL,
    "replyId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "bodyText" TEXT NOT NULL,
    "stance" "ReplyStance",
    "stanceAccountId" UUID,
    "editedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReplyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Source_key_key" ON "Source"("key");

-- CreateIndex
CREATE INDEX "Source_doi_idx" ON "Source"("doi");

-- CreateIndex
CREATE INDEX "Source_isbn_idx" ON "Source"("isbn");

-- CreateIndex
CREATE INDEX "Source_titleKey_idx" ON "Source"("titleKey");

-- CreateIndex
CREATE INDEX "Source_mergedIntoId_idx" ON "Source"("mergedIntoId");

-- CreateIndex
CREATE INDEX "SourceAssessment_sourceId_createdAt_idx" ON "SourceAssessment"("sourceId", "createdAt");

-- CreateIndex
CREATE INDEX "SourceAssessment_authorId_idx" ON "SourceAssessment"("authorId");

-- CreateIndex
CREATE INDEX "ClaimAccount_claimId_position_idx" ON "ClaimAccount"("claimId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimAccountVersion_accountId_version_key" ON "ClaimAccountVersion"("accountId", "version");

-- CreateIndex
CREATE INDEX "Evidence_accountId_idx" ON "Evidence"("accountId");

-- CreateIndex
CREATE INDEX "Evidence_replyId_idx" ON "Evidence"("replyId");

-- CreateIndex
CREATE INDEX "Evidence_sourceId_idx" ON "Evidence"("sourceId");

-- CreateIndex
CREATE INDEX "Reply_claimId_createdAt_idx" ON "Reply"("claimId", "createdAt");

-- CreateIndex
CREATE INDEX "Reply_authorId_idx" ON "Reply"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "ReplyVersion_replyId_version_key" ON "ReplyVersion"("replyId", "version");

-- CreateIndex
CREATE INDEX "BibliographyEntry_sourceId_idx" ON "BibliographyEntry"("sourceId");

-- AddForeignKey
ALTER TABLE "BibliographyEntry" ADD CONSTRAINT "BibliographyEntry_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceAssessment" ADD CONSTRAINT "SourceAssessment_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceAssessment" ADD CONSTRAINT "SourceAssessment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimAccount" ADD CONSTRAINT "ClaimAccount_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimAccount" ADD CONSTRAINT "ClaimAccount_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimAccountVersion" ADD CONSTRAINT "ClaimAccountVersion_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ClaimAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ClaimAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_replyId_fkey" FOREIGN KEY ("replyId") REFERENCES "Reply"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_inReplyToId_fkey" FOREIGN KEY ("inReplyToId") REFERENCES "Reply"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_stanceAccountId_fkey" FOREIGN KEY ("stanceAccountId") REFERENCES "ClaimAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyVersion" ADD CONSTRAINT "ReplyVersion_replyId_fkey" FOREIGN KEY ("replyId") REFERENCES "Reply"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyVersion" ADD CONSTRAINT "ReplyVersion_editedById_fkey" FOREIGN KEY ("editedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
