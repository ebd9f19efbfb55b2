-- CreateEnum
CREATE TYPE "FocusProgress" AS ENUM ('not_started', 'under_way', 'done');

-- CreateTable
CREATE TABLE "leader_focuses" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "follow_up_round_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "leader_focuses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leader_focus_theses" (
    "id" UUID NOT NULL,
    "focus_id" UUID NOT NULL,
    "thesis_key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "commitment" TEXT NOT NULL,
    "due_date" DATE,
    "progress" "FocusProgress" NOT NULL DEFAULT 'not_started',
    "progress_note" TEXT,

    CONSTRAINT "leader_focus_theses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "round_follow_ups" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "thesis_key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "focus_round_id" UUID NOT NULL,
    "commitment" TEXT,

    CONSTRAINT "round_follow_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_up_rollups" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "rater_group" "RaterGroup" NOT NULL,
    "thesis_key" TEXT NOT NULL,
    "response_count" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "counts" INTEGER[],

    CONSTRAINT "follow_up_rollups_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "leader_focuses_leader_id_idx" ON "leader_focuses"("leader_id");

-- CreateIndex
CREATE UNIQUE INDEX "leader_focuses_round_id_leader_id_key" ON "leader_focuses"("round_id", "leader_id");

-- CreateIndex
CREATE UNIQUE INDEX "leader_focus_theses_focus_id_thesis_key_key" ON "leader_focus_theses"("focus_id", "thesis_key");

-- CreateIndex
CREATE UNIQUE INDEX "round_follow_ups_round_id_leader_id_thesis_key_key" ON "round_follow_ups"("round_id", "leader_id", "thesis_key");

-- CreateIndex
CREATE UNIQUE INDEX "follow_up_rollups_round_id_leader_id_rater_group_thesis_key_key" ON "follow_up_rollups"("round_id", "leader_id", "rater_group", "thesis_key");

-- AddForeignKey
ALTER TABLE "leader_focuses" ADD CONSTRAINT "leader_focuses_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leader_focuses" ADD CONSTRAINT "leader_focuses_follow_up_round_id_fkey" FOREIGN KEY ("follow_up_round_id") REFERENCES "rounds"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leader_focuses" ADD CONSTRAINT "leader_focuses_leader_id_fkey" FOREIGN KEY ("leader_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leader_focus_theses" ADD CONSTRAINT "leader_focus_theses_focus_id_fkey" FOREIGN KEY ("focus_id") REFERENCES "leader_focuses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "round_follow_ups" ADD CONSTRAINT "round_follow_ups_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up_rollups" ADD CONSTRAINT "follow_up_rollups_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;
