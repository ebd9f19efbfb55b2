-- CreateTable
CREATE TABLE "round_benchmarks" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "k" INTEGER NOT NULL,
    "thesis_key" TEXT NOT NULL,
    "shown" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "sum_squares" DOUBLE PRECISION NOT NULL,
    "favourable" INTEGER NOT NULL,
    "distribution" INTEGER[],

    CONSTRAINT "round_benchmarks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "round_benchmarks_round_id_k_thesis_key_key" ON "round_benchmarks"("round_id", "k", "thesis_key");

-- AddForeignKey
ALTER TABLE "round_benchmarks" ADD CONSTRAINT "round_benchmarks_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;
