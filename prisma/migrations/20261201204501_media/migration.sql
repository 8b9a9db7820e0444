-- CreateTable
CREATE TABLE "Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inboundKey" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "platform" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "chatId" INTEGER,
    "identityId" INTEGER,
    "ticketId" INTEGER,
    "eventId" INTEGER,
    "role" TEXT NOT NULL DEFAULT 'report',
    "kind" TEXT NOT NULL,
    "albumId" TEXT,
    "ref" TEXT,
    "statedMime" TEXT,
    "statedSize" INTEGER,
    "name" TEXT,
    "caption" TEXT,
    "duration" INTEGER,
    "transcript" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "placeName" TEXT,
    "sha256" TEXT,
    "mime" TEXT,
    "size" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "storedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attachment_inboundKey_fkey" FOREIGN KEY ("inboundKey") REFERENCES "InboundMessage" ("dedupeKey") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attachment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Attachment_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "TicketEvent" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Attachment_status_notBefore_idx" ON "Attachment"("status", "notBefore");

-- CreateIndex
CREATE INDEX "Attachment_ticketId_idx" ON "Attachment"("ticketId");

-- CreateIndex
CREATE INDEX "Attachment_chatId_createdAt_idx" ON "Attachment"("chatId", "createdAt");

-- CreateIndex
CREATE INDEX "Attachment_identityId_chatId_createdAt_idx" ON "Attachment"("identityId", "chatId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_inboundKey_position_key" ON "Attachment"("inboundKey", "position");
