import { describe, expect, it } from 'vitest';
import {
  auditableDeletedCounts,
  DEFAULT_RAW_ANSWER_RETENTION_DAYS,
  normalizeRetentionDays,
  rawAnswersDueAt,
  thresholdsAfterRetention,
} from './raw-answer-retention';

const closedAt = new Date('2027-03-01T10:00:00.000Z');
const closesAt = new Date('2027-03-01T09:00:00.000Z');

describe('raw-answer retention', () => {
  it('falls due whole days after the round actually closed', () => {
    expect(rawAnswersDueAt({ state: 'closed', closedAt, closesAt }, 30)?.toISOString()).toBe(
      '2027-03-31T10:00:00.000Z',
    );
    expect(rawAnswersDueAt({ state: 'archived', closedAt, closesAt }, 1)?.toISOString()).toBe(
      '2027-03-02T10:00:00.000Z',
    );
  });

  it('counts absolute days across a DST change (the 24-hour day, not the wall clock)', () => {
    const beforeSpringChange = new Date('2027-03-27T12:00:00.000Z');
    expect(
      rawAnswersDueAt({ state: 'closed', closedAt: beforeSpringChange, closesAt }, 2)?.toISOString(),
    ).toBe('2027-03-29T12:00:00.000Z');
  });

  it('uses the planned closing time for a round closed before closedAt was recorded', () => {
    expect(rawAnswersDueAt({ state: 'closed', closedAt: null, closesAt }, 30)?.toISOString()).toBe(
      '2027-03-31T09:00:00.000Z',
    );
  });

  it('is never due for a round that has not closed', () => {
    for (const state of ['draft', 'scheduled', 'open'] as const) {
      expect(rawAnswersDueAt({ state, closedAt: null, closesAt }, 1)).toBeNull();
      expect(rawAnswersDueAt({ state, closedAt, closesAt }, 1)).toBeNull();
    }
  });

  it('keeps a setting within 1..3650 whole days, rounding towards keeping longer', () => {
    expect(normalizeRetentionDays(0)).toBe(1);
    expect(normalizeRetentionDays(-5)).toBe(1);
    expect(normalizeRetentionDays(1.2)).toBe(2);
    expect(normalizeRetentionDays(9999)).toBe(3650);
    expect(normalizeRetentionDays(Number.NaN)).toBe(DEFAULT_RAW_ANSWER_RETENTION_DAYS);
    expect(DEFAULT_RAW_ANSWER_RETENTION_DAYS).toBe(30);
  });

  it('lists every k a round can ever be read for: from its promised k (at least 3) up to 10', () => {
    expect(thresholdsAfterRetention(null)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(thresholdsAfterRetention(3)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(thresholdsAfterRetention(7)).toEqual([7, 8, 9, 10]);
    expect(thresholdsAfterRetention(10)).toEqual([10]);
  });

  it('counts for the audit log only the groups that reach k, so no total gives a small group away', () => {
    const units = [
      { responses: 5, answers: 150, comments: 4 },
      { responses: 2, answers: 60, comments: 2 },
      { responses: 1, answers: 30, comments: 1 },
      { responses: 3, answers: 90, comments: 0 },
    ];
    expect(auditableDeletedCounts(3, units)).toEqual({ responses: 8, answers: 240, comments: 4 });
    expect(auditableDeletedCounts(5, units)).toEqual({ responses: 5, answers: 150, comments: 4 });
    expect(auditableDeletedCounts(1, units)).toEqual({ responses: 8, answers: 240, comments: 4 });
    expect(auditableDeletedCounts(3, units.slice(1, 3))).toEqual({ responses: 0, answers: 0, comments: 0 });
  });
});
