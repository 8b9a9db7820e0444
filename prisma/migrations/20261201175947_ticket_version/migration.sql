-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Ticket" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "status" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "mustReport" TEXT,
    "text" TEXT NOT NULL,
    "building" TEXT,
    "unit" TEXT,
    "room" TEXT,
    "placeId" INTEGER,
    "chatId" INTEGER,
    "reporterId" INTEGER NOT NULL,
    "assigneeId" INTEGER,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "ackDueAt" DATETIME,
    "resolveDueAt" DATETIME,
    "acknowledgedAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "followupDueAt" DATETIME,
    "followupRemindedAt" DATETIME,
    "satisfied" BOOLEAN,
    "mergedIntoId" INTEGER,
    "chaseCount" INTEGER NOT NULL DEFAULT 0,
    "lastNudgeAt" DATETIME,
    "relapseCount" INTEGER NOT NULL DEFAULT 0,
    "relatedToId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Ticket_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Ticket_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "Chat" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Ticket_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Identity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Ticket_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Ticket" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Ticket" ("ackDueAt", "acknowledgedAt", "assigneeId", "building", "category", "chaseCount", "chatId", "closedAt", "createdAt", "escalationLevel", "followupDueAt", "followupRemindedAt", "id", "lastNudgeAt", "mergedIntoId", "mustReport", "placeId", "relapseCount", "relatedToId", "reporterId", "resolveDueAt", "resolvedAt", "room", "satisfied", "status", "text", "unit", "updatedAt", "urgent") SELECT "ackDueAt", "acknowledgedAt", "assigneeId", "building", "category", "chaseCount", "chatId", "closedAt", "createdAt", "escalationLevel", "followupDueAt", "followupRemindedAt", "id", "lastNudgeAt", "mergedIntoId", "mustReport", "placeId", "relapseCount", "relatedToId", "reporterId", "resolveDueAt", "resolvedAt", "room", "satisfied", "status", "text", "unit", "updatedAt", "urgent" FROM "Ticket";
DROP TABLE "Ticket";
ALTER TABLE "new_Ticket" RENAME TO "Ticket";
CREATE INDEX "Ticket_status_ackDueAt_idx" ON "Ticket"("status", "ackDueAt");
CREATE INDEX "Ticket_status_resolveDueAt_idx" ON "Ticket"("status", "resolveDueAt");
CREATE INDEX "Ticket_status_followupDueAt_idx" ON "Ticket"("status", "followupDueAt");
CREATE INDEX "Ticket_placeId_category_status_idx" ON "Ticket"("placeId", "category", "status");
CREATE INDEX "Ticket_reporterId_createdAt_idx" ON "Ticket"("reporterId", "createdAt");
CREATE INDEX "Ticket_assigneeId_status_idx" ON "Ticket"("assigneeId", "status");
CREATE INDEX "Ticket_createdAt_idx" ON "Ticket"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
