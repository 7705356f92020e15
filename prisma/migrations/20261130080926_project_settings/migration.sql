-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'zh',
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';
