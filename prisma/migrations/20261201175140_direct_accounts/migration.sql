-- AlterTable
ALTER TABLE "Identity" ADD COLUMN "dmAccount" TEXT;

-- CreateTable
CREATE TABLE "BotAccount" (
    "platform" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "directToStrangers" BOOLEAN NOT NULL,
    "startedAt" DATETIME NOT NULL,

    PRIMARY KEY ("platform", "account")
);
