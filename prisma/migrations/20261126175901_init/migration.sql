-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "CatalogCode" (
    "code" INTEGER NOT NULL,
    "family" TEXT NOT NULL,
    "known" BOOLEAN NOT NULL DEFAULT true,
    "seedText" TEXT NOT NULL,
    "seedAnalysis" TEXT,
    "content" JSONB NOT NULL,
    "searchText" TEXT NOT NULL,
    "relatedCodes" INTEGER[],
    "logPatterns" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogCode_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE INDEX "CatalogCode_family_idx" ON "CatalogCode"("family");
