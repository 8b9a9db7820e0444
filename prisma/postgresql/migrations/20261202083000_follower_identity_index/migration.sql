-- CreateIndex
CREATE INDEX "TicketFollower_identityId_idx" ON "TicketFollower"("identityId");
