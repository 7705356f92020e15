-- AlterTable
ALTER TABLE "SignInFailure" ADD COLUMN     "address" TEXT,
ADD COLUMN     "failedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "SignInFailure_address_attemptedAt_idx" ON "SignInFailure"("address", "attemptedAt");
