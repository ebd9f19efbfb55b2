-- AlterTable
ALTER TABLE "organisations" ADD COLUMN     "raw_answer_retention_days" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "people" ADD COLUMN     "erased_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "rounds" ADD COLUMN     "raw_answers_deleted_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "organisation_sso" (
    "org_id" UUID NOT NULL,
    "issuer_url" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret_sealed" BYTEA,
    "allowed_domains" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sso_only" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "organisation_sso_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "sso_login_states" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "state_hash" TEXT NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "redirect_uri" TEXT NOT NULL,
    "next_path" TEXT,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_login_states_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sso_login_states_state_hash_key" ON "sso_login_states"("state_hash");

-- CreateIndex
CREATE INDEX "sso_login_states_expires_at_idx" ON "sso_login_states"("expires_at");

-- AddForeignKey
ALTER TABLE "organisation_sso" ADD CONSTRAINT "organisation_sso_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_login_states" ADD CONSTRAINT "sso_login_states_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Retention of raw answers: at least a day, at most ten years.
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_raw_answer_retention_days_range"
  CHECK ("raw_answer_retention_days" BETWEEN 1 AND 3650);

-- Lowercase domains only, so matching an email's domain is exact.
ALTER TABLE "organisation_sso" ADD CONSTRAINT "organisation_sso_allowed_domains_lowercase"
  CHECK (array_to_string("allowed_domains", ',') = lower(array_to_string("allowed_domains", ',')));

-- The audit log stays append-only, with one exception: erasing a person (GDPR Art. 17) may redact
-- events about them — the actor's email and the details only, never the action, the actor's id,
-- the target or the time — when the erasure sets resonance.audit_erasure for its transaction.
CREATE OR REPLACE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('resonance.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('resonance.audit_erasure', true) = 'on'
     AND NEW."id" = OLD."id" AND NEW."org_id" = OLD."org_id" AND NEW."action" = OLD."action"
     AND NEW."actor_user_id" IS NOT DISTINCT FROM OLD."actor_user_id"
     AND NEW."target_type" IS NOT DISTINCT FROM OLD."target_type"
     AND NEW."target_id" IS NOT DISTINCT FROM OLD."target_id"
     AND NEW."created_at" = OLD."created_at" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
