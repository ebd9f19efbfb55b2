'use client';

import type {
  CreateRoundRequest,
  Problem,
  RaterGroupValue,
  RecurrenceValue,
  RoundDetail,
} from '@resonance/contracts';
import {
  fromZonedWallTime,
  type Locale,
  RATER_GROUP_LABELS,
  RATER_GROUPS,
  toZonedWallTime,
} from '@resonance/domain';
import { useRouter } from 'next/navigation';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { ProblemCallout } from '@/components/problem-callout';
import { createRound, updateRound } from './round-actions';

const RECURRENCES: RecurrenceValue[] = ['none', 'monthly', 'quarterly', 'half_yearly', 'yearly'];
const REMINDER_PRESETS = [168, 72, 24] as const;

export interface LeaderOption {
  id: string;
  name: string;
  email: string;
}

/**
 * Schedules a feedback round — who is rated, by whom, when, with which
 * reminders, and whether it repeats — or edits one. Once a round is open, its
 * invitations promise leaders, rater groups and the opening time: only the
 * name, a later closing time, the reminders and the recurrence can change.
 * Times are wall-clock times in the organisation's zone (the page's zone), on
 * the server and in the browser alike, so both render the same values.
 */
export function RoundForm({
  leaders,
  round,
  defaults,
}: {
  leaders: LeaderOption[];
  round?: RoundDetail;
  /** For a new round: the suggested window, computed once on the server. */
  defaults?: { opens: string; closes: string };
}) {
  const t = useTranslations('rounds.form');
  const locale = useLocale() as Locale;
  const timeZone = useTimeZone() ?? 'UTC';
  const router = useRouter();
  const isOpen = round?.state === 'open';
  const [initial] = useState(() =>
    round
      ? {
          opens: toZonedWallTime(new Date(round.opensAt), timeZone),
          closes: toZonedWallTime(new Date(round.closesAt), timeZone),
        }
      : (defaults ?? { opens: '', closes: '' }),
  );
  const [name, setName] = useState(round?.name ?? '');
  const [selected, setSelected] = useState<Set<string>>(new Set(round?.leaders.map((leader) => leader.id)));
  const [filter, setFilter] = useState('');
  const [groups, setGroups] = useState<Set<RaterGroupValue>>(new Set(round?.raterGroups ?? RATER_GROUPS));
  const [opensAt, setOpensAt] = useState(initial.opens);
  const [closesAt, setClosesAt] = useState(initial.closes);
  const [reminders, setReminders] = useState<Set<number>>(new Set(round?.reminderOffsetsHours ?? [72, 24]));
  const [recurrence, setRecurrence] = useState<RecurrenceValue>(round?.recurrence ?? 'none');
  const reminderChoices = [...new Set([...REMINDER_PRESETS, ...(round?.reminderOffsetsHours ?? [])])].sort(
    (a, b) => b - a,
  );
  // Leaders of the round who are no longer listed (e.g. deactivated) stay selectable.
  const leaderOptions = [
    ...leaders,
    ...(round?.leaders ?? [])
      .filter((leader) => !leaders.some((option) => option.id === leader.id))
      .map((leader) => ({ id: leader.id, name: leader.name, email: leader.email })),
  ];
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, startTransition] = useTransition();

  const visibleLeaders = leaderOptions.filter((leader) =>
    `${leader.name} ${leader.email}`.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  const fieldError = (field: string) =>
    problem?.errors?.find((error) => error.field === field || error.field.endsWith(`.${field}`))?.message;

  function toggle<T>(set: Set<T>, value: T, on: boolean): Set<T> {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  }

  function submit(schedule: boolean) {
    // An invalid value goes to the API as typed, which answers with a field error.
    const instant = (wallTime: string) => fromZonedWallTime(wallTime, timeZone)?.toISOString() ?? wallTime;
    const request: CreateRoundRequest = {
      name: name.trim(),
      leaderIds: [...selected],
      raterGroups: RATER_GROUPS.filter((group) => groups.has(group)),
      opensAt: instant(opensAt),
      closesAt: instant(closesAt),
      reminderOffsetsHours: [...reminders].sort((a, b) => b - a),
      recurrence,
      schedule,
    };
    startTransition(async () => {
      const {
        schedule: scheduleNow,
        leaderIds,
        raterGroups,
        opensAt: opens,
        closesAt: closes,
        ...common
      } = request;
      const result = round
        ? await updateRound(
            round.id,
            isOpen
              ? // Unchanged, the closing time is left out: an open round's may only move later.
                { ...common, ...(closesAt === initial.closes ? {} : { closesAt: closes }) }
              : {
                  ...common,
                  leaderIds,
                  raterGroups,
                  opensAt: opens,
                  closesAt: closes,
                  ...(round.state === 'draft' && scheduleNow ? { schedule: true } : {}),
                },
          )
        : await createRound(request);
      if (result.ok) router.push(`/admin/rounds/${result.data.id}`);
      else {
        setProblem(result.problem);
        window.scrollTo({ top: 0, behavior: 'smooth' });
      }
    });
  }

  return (
    <form
      className="stack stack--lg"
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        submit(submitter?.value !== 'draft');
      }}
    >
      {problem && <ProblemCallout problem={problem} />}
      {isOpen && (
        <p className="callout callout--info" data-open-round-note>
          {t('openRoundNote')}
        </p>
      )}

      <section className="card stack" aria-labelledby="round-basics">
        <h2 id="round-basics" className="card__title">
          {t('basics')}
        </h2>
        <div className="field">
          <label className="field__label" htmlFor="round-name">
            {t('name')}
          </label>
          <input
            id="round-name"
            className="input"
            required
            maxLength={200}
            value={name}
            placeholder={t('namePlaceholder')}
            aria-invalid={fieldError('name') ? true : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          {fieldError('name') && <p className="field__error">{fieldError('name')}</p>}
        </div>
      </section>

      {!isOpen && (
        <>
          <section className="card stack" aria-labelledby="round-leaders">
            <div className="cluster cluster--between">
              <div className="stack stack--sm">
                <h2 id="round-leaders" className="card__title">
                  {t('leaders')}
                </h2>
                <p className="small muted">{t('leadersHint', { count: selected.size })}</p>
              </div>
              <div className="cluster">
                <button
                  type="button"
                  className="button button--small"
                  onClick={() =>
                    setSelected(new Set([...selected, ...visibleLeaders.map((leader) => leader.id)]))
                  }
                >
                  {t('selectAll')}
                </button>
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => setSelected(new Set())}
                >
                  {t('selectNone')}
                </button>
              </div>
            </div>
            {leaderOptions.length === 0 ? (
              <p className="callout callout--warning">{t('noLeaders')}</p>
            ) : (
              <>
                <div className="field">
                  <label className="field__label" htmlFor="leader-filter">
                    {t('filterLeaders')}
                  </label>
                  <input
                    id="leader-filter"
                    type="search"
                    className="input"
                    value={filter}
                    onChange={(event) => setFilter(event.target.value)}
                  />
                </div>
                <fieldset aria-invalid={fieldError('leaderIds') ? true : undefined}>
                  <legend className="visually-hidden">{t('leaders')}</legend>
                  <div className="choice-list">
                    {visibleLeaders.map((leader) => (
                      <label key={leader.id} className="checkbox-row">
                        <input
                          type="checkbox"
                          name="leaderIds"
                          value={leader.id}
                          checked={selected.has(leader.id)}
                          onChange={(event) => setSelected(toggle(selected, leader.id, event.target.checked))}
                        />
                        <span>
                          {leader.name} <span className="muted">· {leader.email}</span>
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>
                {fieldError('leaderIds') && <p className="field__error">{fieldError('leaderIds')}</p>}
              </>
            )}
          </section>

          <section className="card stack" aria-labelledby="round-groups">
            <fieldset className="stack">
              <legend>
                <span id="round-groups" className="card__title" style={{ display: 'block' }}>
                  {t('groups')}
                </span>
                <span className="small muted">{t('groupsHint')}</span>
              </legend>
              <div className="cluster">
                {RATER_GROUPS.map((group) => (
                  <label key={group} className="checkbox-row">
                    <input
                      type="checkbox"
                      name="raterGroups"
                      value={group}
                      checked={groups.has(group)}
                      onChange={(event) => setGroups(toggle(groups, group, event.target.checked))}
                    />
                    {RATER_GROUP_LABELS[group][locale]}
                  </label>
                ))}
              </div>
              {fieldError('raterGroups') && <p className="field__error">{fieldError('raterGroups')}</p>}
            </fieldset>
          </section>
        </>
      )}

      <section className="card stack" aria-labelledby="round-schedule">
        <div className="stack stack--sm">
          <h2 id="round-schedule" className="card__title">
            {t('schedule')}
          </h2>
          <p className="small muted">{t('scheduleHint', { timeZone })}</p>
        </div>
        <div className="form-grid">
          <div className="field">
            <label className="field__label" htmlFor="round-opens">
              {t('opensAt')}
            </label>
            <input
              id="round-opens"
              type="datetime-local"
              className="input"
              required
              disabled={isOpen}
              value={opensAt}
              aria-invalid={fieldError('opensAt') ? true : undefined}
              onChange={(event) => setOpensAt(event.target.value)}
            />
            {fieldError('opensAt') && <p className="field__error">{fieldError('opensAt')}</p>}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="round-closes">
              {t('closesAt')}
            </label>
            <input
              id="round-closes"
              type="datetime-local"
              className="input"
              required
              min={isOpen ? initial.closes : undefined}
              value={closesAt}
              aria-invalid={fieldError('closesAt') ? true : undefined}
              onChange={(event) => setClosesAt(event.target.value)}
            />
            {fieldError('closesAt') && <p className="field__error">{fieldError('closesAt')}</p>}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="round-recurrence">
              {t('recurrence')}
            </label>
            <select
              id="round-recurrence"
              className="select"
              value={recurrence}
              onChange={(event) => setRecurrence(event.target.value as RecurrenceValue)}
            >
              {RECURRENCES.map((value) => (
                <option key={value} value={value}>
                  {t(`recurrences.${value}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="stack stack--sm">
          <legend className="field__label">{t('reminders')}</legend>
          <div className="cluster">
            {reminderChoices.map((hours) => (
              <label key={hours} className="checkbox-row">
                <input
                  type="checkbox"
                  checked={reminders.has(hours)}
                  onChange={(event) => setReminders(toggle(reminders, hours, event.target.checked))}
                />
                {t('reminderBefore', { days: hours / 24 })}
              </label>
            ))}
          </div>
          <p className="field__hint">{t('remindersHint')}</p>
        </fieldset>
      </section>

      <div className="cluster" style={{ justifyContent: 'flex-end' }}>
        {(!round || round.state === 'draft') && (
          <button type="submit" value="draft" className="button" disabled={pending}>
            {round ? t('saveOnly') : t('saveDraft')}
          </button>
        )}
        <button type="submit" value="schedule" className="button button--primary" disabled={pending}>
          {pending
            ? t('saving')
            : round
              ? round.state === 'draft'
                ? t('saveAndSchedule')
                : t('saveChanges')
              : t('submit')}
        </button>
      </div>
    </form>
  );
}
