-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('de', 'en');

-- CreateEnum
CREATE TYPE "PersonRole" AS ENUM ('member', 'leader', 'admin');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('admin', 'leader');

-- CreateEnum
CREATE TYPE "RoundState" AS ENUM ('draft', 'scheduled', 'open', 'closed', 'archived');

-- CreateEnum
CREATE TYPE "RaterGroup" AS ENUM ('direct_report', 'peer', 'manager', 'self');

-- CreateEnum
CREATE TYPE "Recurrence" AS ENUM ('none', 'monthly', 'quarterly', 'half_yearly', 'yearly');

-- CreateEnum
CREATE TYPE "CommentKind" AS ENUM ('thesis', 'keep_doing', 'start_doing');

-- CreateTable
CREATE TABLE "organisations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "default_locale" "Locale" NOT NULL DEFAULT 'de',
    "anonymity_threshold" INTEGER NOT NULL DEFAULT 3,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "PersonRole" NOT NULL DEFAULT 'member',
    "locale" "Locale",
    "manager_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "password_hash" TEXT,
    "token_version" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "locale" "Locale",
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "family_id" UUID NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questionnaire_versions" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "questionnaire_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questionnaire_theses" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title_de" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "summary_de" TEXT NOT NULL,
    "summary_en" TEXT NOT NULL,

    CONSTRAINT "questionnaire_theses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questionnaire_items" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "thesis_key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text_other_de" TEXT NOT NULL,
    "text_other_en" TEXT NOT NULL,
    "text_self_de" TEXT NOT NULL,
    "text_self_en" TEXT NOT NULL,

    CONSTRAINT "questionnaire_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rounds" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "questionnaire_version_id" UUID NOT NULL,
    "state" "RoundState" NOT NULL DEFAULT 'draft',
    "rater_groups" "RaterGroup"[],
    "opens_at" TIMESTAMP(3) NOT NULL,
    "closes_at" TIMESTAMP(3) NOT NULL,
    "reminder_offsets_hours" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "recurrence" "Recurrence" NOT NULL DEFAULT 'none',
    "previous_round_id" UUID,
    "opened_at" TIMESTAMP(3),
    "closed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rounds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "round_subjects" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,

    CONSTRAINT "round_subjects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "round_reminders" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "offset_hours" INTEGER NOT NULL,
    "sent_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "round_reminders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "rater_id" UUID NOT NULL,
    "rater_group" "RaterGroup" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "consumed" BOOLEAN NOT NULL DEFAULT false,
    "reminder_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "responses" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "rater_group" "RaterGroup" NOT NULL,

    CONSTRAINT "responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "answers" (
    "id" UUID NOT NULL,
    "response_id" UUID NOT NULL,
    "item_key" TEXT NOT NULL,
    "score" INTEGER,

    CONSTRAINT "answers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comments" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "rater_group" "RaterGroup" NOT NULL,
    "kind" "CommentKind" NOT NULL,
    "thesis_key" TEXT,
    "text" TEXT NOT NULL,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "result_rollups" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "leader_id" UUID NOT NULL,
    "rater_group" "RaterGroup" NOT NULL,
    "thesis_key" TEXT NOT NULL,
    "response_count" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "sum_squares" DOUBLE PRECISION NOT NULL,
    "favourable" INTEGER NOT NULL,
    "distribution" INTEGER[],

    CONSTRAINT "result_rollups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_emails" (
    "id" UUID NOT NULL,
    "org_id" UUID,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_emails_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisations_slug_key" ON "organisations"("slug");

-- CreateIndex
CREATE INDEX "people_org_id_manager_id_idx" ON "people"("org_id", "manager_id");

-- CreateIndex
CREATE UNIQUE INDEX "people_org_id_email_key" ON "people"("org_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "users_person_id_key" ON "users"("person_id");

-- CreateIndex
CREATE INDEX "users_email_idx" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "users_org_id_email_key" ON "users"("org_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens"("family_id");

-- CreateIndex
CREATE UNIQUE INDEX "questionnaire_versions_version_key" ON "questionnaire_versions"("version");

-- CreateIndex
CREATE UNIQUE INDEX "questionnaire_theses_version_id_key_key" ON "questionnaire_theses"("version_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "questionnaire_items_version_id_key_key" ON "questionnaire_items"("version_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "rounds_previous_round_id_key" ON "rounds"("previous_round_id");

-- CreateIndex
CREATE INDEX "rounds_org_id_state_idx" ON "rounds"("org_id", "state");

-- CreateIndex
CREATE INDEX "rounds_state_opens_at_idx" ON "rounds"("state", "opens_at");

-- CreateIndex
CREATE INDEX "rounds_state_closes_at_idx" ON "rounds"("state", "closes_at");

-- CreateIndex
CREATE UNIQUE INDEX "round_subjects_round_id_leader_id_key" ON "round_subjects"("round_id", "leader_id");

-- CreateIndex
CREATE UNIQUE INDEX "round_reminders_round_id_offset_hours_key" ON "round_reminders"("round_id", "offset_hours");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_round_id_leader_id_rater_group_idx" ON "invitations"("round_id", "leader_id", "rater_group");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_round_id_leader_id_rater_id_rater_group_key" ON "invitations"("round_id", "leader_id", "rater_id", "rater_group");

-- CreateIndex
CREATE INDEX "responses_round_id_leader_id_rater_group_idx" ON "responses"("round_id", "leader_id", "rater_group");

-- CreateIndex
CREATE UNIQUE INDEX "answers_response_id_item_key_key" ON "answers"("response_id", "item_key");

-- CreateIndex
CREATE INDEX "comments_round_id_leader_id_idx" ON "comments"("round_id", "leader_id");

-- CreateIndex
CREATE UNIQUE INDEX "result_rollups_round_id_leader_id_rater_group_thesis_key_key" ON "result_rollups"("round_id", "leader_id", "rater_group", "thesis_key");

-- CreateIndex
CREATE INDEX "outbox_emails_org_id_created_at_idx" ON "outbox_emails"("org_id", "created_at");

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questionnaire_theses" ADD CONSTRAINT "questionnaire_theses_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "questionnaire_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questionnaire_items" ADD CONSTRAINT "questionnaire_items_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "questionnaire_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_questionnaire_version_id_fkey" FOREIGN KEY ("questionnaire_version_id") REFERENCES "questionnaire_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_previous_round_id_fkey" FOREIGN KEY ("previous_round_id") REFERENCES "rounds"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "round_subjects" ADD CONSTRAINT "round_subjects_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "round_subjects" ADD CONSTRAINT "round_subjects_leader_id_fkey" FOREIGN KEY ("leader_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "round_reminders" ADD CONSTRAINT "round_reminders_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_rater_id_fkey" FOREIGN KEY ("rater_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answers" ADD CONSTRAINT "answers_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "responses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "result_rollups" ADD CONSTRAINT "result_rollups_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_emails" ADD CONSTRAINT "outbox_emails_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Constraints that Prisma's schema language cannot express, enforced by the database for every writer.
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_anonymity_threshold_range" CHECK ("anonymity_threshold" BETWEEN 3 AND 10);
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "people" ADD CONSTRAINT "people_email_lowercase" CHECK ("email" = lower("email"));
ALTER TABLE "people" ADD CONSTRAINT "people_not_own_manager" CHECK ("manager_id" IS NULL OR "manager_id" <> "id");
ALTER TABLE "users" ADD CONSTRAINT "users_email_lowercase" CHECK ("email" = lower("email"));
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_closes_after_opens" CHECK ("closes_at" > "opens_at");
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_has_rater_groups" CHECK (cardinality("rater_groups") > 0);
ALTER TABLE "answers" ADD CONSTRAINT "answers_score_range" CHECK ("score" IS NULL OR "score" BETWEEN 1 AND 5);
ALTER TABLE "comments" ADD CONSTRAINT "comments_text_length" CHECK (char_length("text") BETWEEN 1 AND 2000);
ALTER TABLE "comments" ADD CONSTRAINT "comments_thesis_matches_kind" CHECK (("kind" = 'thesis') = ("thesis_key" IS NOT NULL));
ALTER TABLE "result_rollups" ADD CONSTRAINT "result_rollups_counts" CHECK ("n" >= 0 AND "n" <= "response_count" AND "favourable" BETWEEN 0 AND "n");
ALTER TABLE "result_rollups" ADD CONSTRAINT "result_rollups_distribution" CHECK (cardinality("distribution") = 5);
