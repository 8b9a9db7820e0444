-- AlterTable
ALTER TABLE "Chat" ADD COLUMN     "listen" TEXT NOT NULL DEFAULT 'all';

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "imageMime" TEXT,
ADD COLUMN     "imagePath" TEXT,
ADD COLUMN     "inReplyTo" TEXT,
ADD COLUMN     "sentId" TEXT,
ADD COLUMN     "ticketId" INTEGER;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "chaseCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastNudgeAt" TIMESTAMP(3),
ADD COLUMN     "relapseCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "relatedToId" INTEGER;

-- CreateIndex
CREATE INDEX "Outbox_platform_sentId_idx" ON "Outbox"("platform", "sentId");

-- CreateIndex
CREATE INDEX "Outbox_chatExternalId_ticketId_idx" ON "Outbox"("chatExternalId", "ticketId");
