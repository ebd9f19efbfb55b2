import type { Db } from '@resonance/db';
import { getQuestionnaire, QUESTIONNAIRE_VERSIONS } from '@resonance/domain';

/**
 * Mirrors every questionnaire version of the domain package into the database, idempotently, so
 * rounds can reference a version row. Re-running creates what is missing and refreshes texts
 * (a typo fix keeps keys and meaning; a change of meaning is a new version in the domain package).
 */
export async function ensureQuestionnaires({ db }: { db: Db }): Promise<void> {
  for (const versionNumber of QUESTIONNAIRE_VERSIONS) {
    const questionnaire = getQuestionnaire(versionNumber);
    await db.$transaction(async (tx) => {
      const version = await tx.questionnaireVersion.upsert({
        where: { version: questionnaire.version },
        create: { version: questionnaire.version },
        update: {},
        select: { id: true },
      });
      for (const [thesisIndex, thesis] of questionnaire.theses.entries()) {
        const text = {
          position: thesisIndex + 1,
          titleDe: thesis.title.de,
          titleEn: thesis.title.en,
          summaryDe: thesis.summary.de,
          summaryEn: thesis.summary.en,
        };
        await tx.questionnaireThesis.upsert({
          where: { versionId_key: { versionId: version.id, key: thesis.key } },
          create: { versionId: version.id, key: thesis.key, ...text },
          update: text,
          select: { id: true },
        });
        for (const [itemIndex, item] of thesis.items.entries()) {
          const itemText = {
            thesisKey: thesis.key,
            position: itemIndex + 1,
            textOtherDe: item.other.de,
            textOtherEn: item.other.en,
            textSelfDe: item.self.de,
            textSelfEn: item.self.en,
          };
          await tx.questionnaireItem.upsert({
            where: { versionId_key: { versionId: version.id, key: item.id } },
            create: { versionId: version.id, key: item.id, ...itemText },
            update: itemText,
            select: { id: true },
          });
        }
      }
    });
  }
}
