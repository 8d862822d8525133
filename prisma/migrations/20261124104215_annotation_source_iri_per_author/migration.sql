-- DropIndex
DROP INDEX "Annotation_sourceIri_key";

-- CreateIndex
CREATE UNIQUE INDEX "Annotation_sourceIri_authorId_key" ON "Annotation"("sourceIri", "authorId");
