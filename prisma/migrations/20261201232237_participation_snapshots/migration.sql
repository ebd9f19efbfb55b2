-- AlterTable
ALTER TABLE "round_units" ADD COLUMN     "answered_snapshot" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "rounds" ADD COLUMN     "participation_as_of" TIMESTAMP(3);
