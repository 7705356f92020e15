-- The demo inbox (lib/demo/inbox.ts): what the demo's webhook channel delivered, kept while
-- CW_DEMO_INBOX is on. Empty and unused in production.
-- CreateTable
CREATE TABLE "DemoInboxMessage" (
    "id" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signature" TEXT NOT NULL,
    "timestamp" TEXT,
    "body" TEXT NOT NULL,

    CONSTRAINT "DemoInboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DemoInboxMessage_receivedAt_idx" ON "DemoInboxMessage"("receivedAt");
