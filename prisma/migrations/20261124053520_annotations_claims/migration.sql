-- CreateEnum
CREATE TYPE "AnnotationKind" AS ENUM ('COMMENT', 'QUESTION', 'HIGHLIGHT', 'CLAIM');

-- CreateEnum
CREATE TYPE "ClaimFlag" AS ENUM ('DISPUTED', 'DUBIOUS', 'CITATION_NEEDED', 'BETTER_SOURCE_NEEDED', 'CONTRADICTED', 'CORROBORATED');

-- CreateEnum
CREATE TYPE "AnchorStrategy" AS ENUM ('ORIGINAL', 'POSITION', 'QUOTE', 'FUZZY', 'MANUAL', 'ORPHANED');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('OPEN', 'UNDER_REVIEW', 'ACCEPTED', 'REJECTED', 'CONTESTED');

-- CreateTable
CREATE TABLE "Annotation" (
    "id" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "kind" "AnnotationKind" NOT NULL,
    "flag" "ClaimFlag",
    "body" JSONB NOT NULL,
    "bodyText" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[],
    "visibility" "Visibility" NOT NULL DEFAULT 'PUBLIC',
    "groupId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "revisionId" UUID NOT NULL,
    "sectionAnchor" TEXT,
    "exact" TEXT NOT NULL,
    "prefix" TEXT NOT NULL DEFAULT '',
    "suffix" TEXT NOT NULL DEFAULT '',
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "sourceIri" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "deletedById" UUID,
    "hiddenAt" TIMESTAMP(3),
    "hiddenById" UUID,
    "hiddenReason" TEXT,

    CONSTRAINT "Annotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnotationAnchor" (
    "annotationId" UUID NOT NULL,
    "revisionId" UUID NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    "sectionAnchor" TEXT,
    "strategy" "AnchorStrategy" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnotationAnchor_pkey" PRIMARY KEY ("annotationId","revisionId")
);

-- CreateTable
CREATE TABLE "AnnotationVersion" (
    "id" UUID NOT NULL,
    "annotationId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" "AnnotationKind" NOT NULL,
    "flag" "ClaimFlag",
    "body" JSONB NOT NULL,
    "bodyText" TEXT NOT NULL,
    "tags" TEXT[],
    "visibility" "Visibility" NOT NULL,
    "groupId" UUID,
    "editedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnotationVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" UUID NOT NULL,
    "annotationId" UUID NOT NULL,
    "articleId" UUID NOT NULL,
    "status" "ClaimStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Annotation_sourceIri_key" ON "Annotation"("sourceIri");

-- CreateIndex
CREATE INDEX "Annotation_articleId_deletedAt_idx" ON "Annotation"("articleId", "deletedAt");

-- CreateIndex
CREATE INDEX "Annotation_authorId_idx" ON "Annotation"("authorId");

-- CreateIndex
CREATE INDEX "Annotation_groupId_idx" ON "Annotation"("groupId");

-- CreateIndex
CREATE INDEX "AnnotationAnchor_revisionId_idx" ON "AnnotationAnchor"("revisionId");

-- CreateIndex
CREATE UNIQUE INDEX "AnnotationVersion_annotationId_version_key" ON "AnnotationVersion"("annotationId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_annotationId_key" ON "Claim"("annotationId");

-- CreateIndex
CREATE INDEX "Claim_articleId_status_idx" ON "Claim"("articleId", "status");

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ArticleRevision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationAnchor" ADD CONSTRAINT "AnnotationAnchor_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationAnchor" ADD CONSTRAINT "AnnotationAnchor_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ArticleRevision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationVersion" ADD CONSTRAINT "AnnotationVersion_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationVersion" ADD CONSTRAINT "AnnotationVersion_editedById_fkey" FOREIGN KEY ("editedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
