import type { Db, Prisma } from '@resonance/db';
import { QUESTIONNAIRE_VERSIONS } from '@resonance/domain';
import { AppError } from '../errors/problem';
import { ensureQuestionnaires } from '../questionnaire/ensure-questionnaires';

type Reader = Db | Prisma.TransactionClient;

/** The newest questionnaire version that is both in the database and known to the domain package. */
export async function findLatestQuestionnaireVersion(
  db: Reader,
): Promise<{ id: string; version: number } | null> {
  return db.questionnaireVersion.findFirst({
    where: { version: { in: [...QUESTIONNAIRE_VERSIONS] } },
    orderBy: { version: 'desc' },
    select: { id: true, version: true },
  });
}

/** As above, installing the domain's questionnaires first if the database has none yet. */
export async function latestQuestionnaireVersion(db: Db): Promise<{ id: string; version: number }> {
  let version = await findLatestQuestionnaireVersion(db);
  if (!version) {
    await ensureQuestionnaires({ db });
    version = await findLatestQuestionnaireVersion(db);
  }
  if (!version) throw new AppError('unavailable', 'No questionnaire is installed.');
  return version;
}
