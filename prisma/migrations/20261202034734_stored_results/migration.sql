-- CreateTable
CREATE TABLE "leader_results" (
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "k" INTEGER NOT NULL,
    "others" JSONB NOT NULL,
    "groups" JSONB NOT NULL,
    "comments" JSONB NOT NULL,
    "self_scores" JSONB,

    CONSTRAINT "leader_results_pkey" PRIMARY KEY ("round_id","leader_id","k")
);

-- CreateTable
CREATE TABLE "round_heatmaps" (
    "round_id" UUID NOT NULL,
    "k" INTEGER NOT NULL,
    "org_average" JSONB NOT NULL,

    CONSTRAINT "round_heatmaps_pkey" PRIMARY KEY ("round_id","k")
);

-- CreateIndex
CREATE INDEX "round_subjects_leader_id_idx" ON "round_subjects"("leader_id");

-- AddForeignKey
ALTER TABLE "leader_results" ADD CONSTRAINT "leader_results_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "round_heatmaps" ADD CONSTRAINT "round_heatmaps_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;
