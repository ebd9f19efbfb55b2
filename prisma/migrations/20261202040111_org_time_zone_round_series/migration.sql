-- AlterTable
ALTER TABLE "organisations" ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'Europe/Berlin';

-- AlterTable
ALTER TABLE "rounds" ADD COLUMN     "series_closes_at" TIMESTAMP(3),
ADD COLUMN     "series_index" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "series_opens_at" TIMESTAMP(3);

-- Every existing round becomes the first of its own series: later rounds are computed from it.
UPDATE "rounds" SET "series_opens_at" = "opens_at", "series_closes_at" = "closes_at", "series_index" = 0;
