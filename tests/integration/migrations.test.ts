import { pendingSchemaChanges } from '@resonance/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('database migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('leave no drift between prisma/migrations and schema.prisma', async () => {
    expect(await pendingSchemaChanges()).toBe('');
  });

  it('enforce the anonymity threshold range in the database itself', async () => {
    await expect(
      database.db.organisation.create({
        data: { name: 'Too small k', slug: 'too-small-k', anonymityThreshold: 2 },
      }),
    ).rejects.toThrow();
    await expect(
      database.db.organisation.create({ data: { name: 'Fine', slug: 'fine', anonymityThreshold: 3 } }),
    ).resolves.toMatchObject({ anonymityThreshold: 3 });
  });

  it('reject scores outside 1..5 but accept "can\'t judge" (null)', async () => {
    const version = await database.db.questionnaireVersion.create({ data: { version: 99 } });
    const org = await database.db.organisation.create({ data: { name: 'Scores', slug: 'scores' } });
    const leader = await database.db.person.create({
      data: { orgId: org.id, email: 'lead@example.org', name: 'Lead' },
    });
    const round = await database.db.round.create({
      data: {
        orgId: org.id,
        name: 'R',
        questionnaireVersionId: version.id,
        raterGroups: ['direct_report'],
        opensAt: new Date('2026-01-01'),
        closesAt: new Date('2026-01-15'),
      },
    });
    const response = await database.db.response.create({
      data: { roundId: round.id, leaderId: leader.id, raterGroup: 'direct_report' },
    });
    await expect(
      database.db.answer.create({ data: { responseId: response.id, itemKey: 'visibility.1', score: 6 } }),
    ).rejects.toThrow();
    await expect(
      database.db.answer.create({ data: { responseId: response.id, itemKey: 'visibility.2', score: null } }),
    ).resolves.toMatchObject({ score: null });
  });
});
