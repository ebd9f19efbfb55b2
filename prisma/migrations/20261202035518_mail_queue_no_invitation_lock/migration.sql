-- DropForeignKey
ALTER TABLE "mail_queue" DROP CONSTRAINT "mail_queue_invitation_id_fkey";
