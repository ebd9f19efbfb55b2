-- AlterTable
ALTER TABLE "leader_results" ADD COLUMN     "combined" JSONB;

-- AlterTable
ALTER TABLE "organisations" ADD COLUMN     "small_team_mode" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "rounds" ADD COLUMN     "small_team_mode" BOOLEAN NOT NULL DEFAULT false;
