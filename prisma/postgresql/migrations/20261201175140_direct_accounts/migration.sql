-- AlterTable
ALTER TABLE "Identity" ADD COLUMN     "dmAccount" TEXT;

-- CreateTable
CREATE TABLE "BotAccount" (
    "platform" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "directToStrangers" BOOLEAN NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotAccount_pkey" PRIMARY KEY ("platform","account")
);
