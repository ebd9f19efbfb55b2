import { ensureQuestionnaires } from '@resonance/api/questionnaire/ensure-questionnaires';
import { getQuestionnaire, QUESTIONNAIRE_VERSIONS } from '@resonance/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('questionnaire versions in the database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('mirror every version of the domain package, idempotently', async () => {
    await ensureQuestionnaires({ db: database.db });
    const first = await database.db.questionnaireItem.findMany({
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    await ensureQuestionnaires({ db: database.db });
    const second = await database.db.questionnaireItem.findMany({
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    expect(second).toEqual(first);

    for (const versionNumber of QUESTIONNAIRE_VERSIONS) {
      const questionnaire = getQuestionnaire(versionNumber);
      const version = await database.db.questionnaireVersion.findUniqueOrThrow({
        where: { version: versionNumber },
        select: {
          theses: { select: { key: true, position: true, titleDe: true }, orderBy: { position: 'asc' } },
          items: {
            select: { key: true, thesisKey: true, textOtherEn: true, textSelfDe: true },
            orderBy: { key: 'asc' },
          },
        },
      });
      expect(version.theses.map((thesis) => thesis.key)).toEqual(
        questionnaire.theses.map((thesis) => thesis.key),
      );
      expect(version.theses[0]?.titleDe).toBe(questionnaire.theses[0]?.title.de);
      const items = questionnaire.theses.flatMap((thesis) =>
        thesis.items.map((item) => ({
          key: item.id,
          thesisKey: thesis.key,
          textOtherEn: item.other.en,
          textSelfDe: item.self.de,
        })),
      );
      expect(version.items).toEqual(items.sort((a, b) => (a.key < b.key ? -1 : 1)));
    }
  });

  it('restore a text that was changed in the database', async () => {
    await ensureQuestionnaires({ db: database.db });
    const item = await database.db.questionnaireItem.findFirstOrThrow({
      select: { id: true, textOtherDe: true },
    });
    await database.db.questionnaireItem.update({
      where: { id: item.id },
      data: { textOtherDe: 'verändert' },
    });
    await ensureQuestionnaires({ db: database.db });
    const restored = await database.db.questionnaireItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(restored.textOtherDe).toBe(item.textOtherDe);
  });
});
