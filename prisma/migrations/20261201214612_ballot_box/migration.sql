-- The ballot box (issue 7): answering no longer touches the invitation row.
-- Invitations already used in a round that is still open keep working as "used": their token hash
-- is retired, so their link can no longer submit (it reads as unknown). Everything else about
-- participation before this migration is dropped with the column.
UPDATE "invitations" AS i SET "token_hash" = 'retired:' || i."id"
FROM "rounds" AS r
WHERE r."id" = i."round_id" AND i."consumed" AND r."state" IN ('draft', 'scheduled', 'open');

-- AlterTable
ALTER TABLE "invitations" DROP COLUMN "consumed",
DROP COLUMN "reminder_count";

-- AlterTable
ALTER TABLE "people" ADD COLUMN     "team_since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "people" SET "team_since" = "created_at";

-- AlterTable
ALTER TABLE "rounds" ADD COLUMN     "anonymity_threshold" INTEGER;
-- Rounds that already opened promised the organisation's k of today (the best that is known).
UPDATE "rounds" AS r SET "anonymity_threshold" = o."anonymity_threshold"
FROM "organisations" AS o
WHERE o."id" = r."org_id" AND r."state" IN ('open', 'closed', 'archived');

-- CreateTable
CREATE TABLE "ballots" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "rater_group" "RaterGroup" NOT NULL,
    "marker" TEXT NOT NULL,
    "sealed" BYTEA NOT NULL,

    CONSTRAINT "ballots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "round_units" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "rater_group" "RaterGroup" NOT NULL,
    "invited_count" INTEGER NOT NULL,
    "recently_joined_count" INTEGER NOT NULL,
    "response_count" INTEGER,
    "withheld_reason" TEXT,

    CONSTRAINT "round_units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "actor_user_id" UUID,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "installation_settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "installation_settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "ballots_marker_key" ON "ballots"("marker");

-- CreateIndex
CREATE INDEX "ballots_round_id_leader_id_rater_group_idx" ON "ballots"("round_id", "leader_id", "rater_group");

-- CreateIndex
CREATE INDEX "round_units_leader_id_rater_group_idx" ON "round_units"("leader_id", "rater_group");

-- CreateIndex
CREATE UNIQUE INDEX "round_units_round_id_leader_id_rater_group_key" ON "round_units"("round_id", "leader_id", "rater_group");

-- CreateIndex
CREATE INDEX "audit_events_org_id_created_at_idx" ON "audit_events"("org_id", "created_at");

-- AddForeignKey
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "round_units" ADD CONSTRAINT "round_units_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Checks the schema language cannot express.
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_anonymity_threshold_range" CHECK ("anonymity_threshold" IS NULL OR "anonymity_threshold" BETWEEN 3 AND 10);
ALTER TABLE "round_units" ADD CONSTRAINT "round_units_counts" CHECK ("invited_count" >= 0 AND "recently_joined_count" BETWEEN 0 AND "invited_count" AND ("response_count" IS NULL OR "response_count" >= 0));

-- Units of rounds that opened before this migration: invitations per unit, and for closed rounds
-- the responses per unit. Their figures were already released, so nothing is withheld.
INSERT INTO "round_units" ("id", "round_id", "leader_id", "rater_group", "invited_count", "recently_joined_count", "response_count")
SELECT gen_random_uuid(), i."round_id", i."leader_id", i."rater_group", count(*), 0,
  CASE WHEN r."state" IN ('closed', 'archived') THEN (
    SELECT count(*) FROM "responses" AS s
    WHERE s."round_id" = i."round_id" AND s."leader_id" = i."leader_id" AND s."rater_group" = i."rater_group"
  ) END
FROM "invitations" AS i JOIN "rounds" AS r ON r."id" = i."round_id"
GROUP BY i."round_id", i."leader_id", i."rater_group", r."state";

-- The audit log is append-only: no UPDATE, and DELETE only when the purge of a whole organisation
-- sets resonance.audit_purge for its transaction.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('resonance.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
