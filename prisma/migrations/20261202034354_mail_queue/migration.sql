-- CreateEnum
CREATE TYPE "MailKind" AS ENUM ('invitation');

-- CreateEnum
CREATE TYPE "MailQueueState" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "mail_queue" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "invitation_id" UUID,
    "kind" "MailKind" NOT NULL,
    "state" "MailQueueState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "due_at" TIMESTAMP(3),
    "last_error" TEXT,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "mail_queue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "mail_queue_invitation_id_key" ON "mail_queue"("invitation_id");

-- CreateIndex
CREATE INDEX "mail_queue_state_due_at_idx" ON "mail_queue"("state", "due_at");

-- CreateIndex
CREATE INDEX "mail_queue_round_id_state_idx" ON "mail_queue"("round_id", "state");

-- AddForeignKey
ALTER TABLE "mail_queue" ADD CONSTRAINT "mail_queue_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mail_queue" ADD CONSTRAINT "mail_queue_invitation_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "invitations"("id") ON DELETE SET NULL ON UPDATE CASCADE;
