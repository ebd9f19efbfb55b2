'use client';

import type { OrgSettings, Problem, UpdateOrgSettingsRequest } from '@resonance/contracts';
import {
  DEFAULT_RAW_ANSWER_RETENTION_DAYS,
  LOCALES,
  type Locale,
  MAX_ANONYMITY_THRESHOLD,
  MAX_RAW_ANSWER_RETENTION_DAYS,
  MIN_ANONYMITY_THRESHOLD,
  MIN_RAW_ANSWER_RETENTION_DAYS,
} from '@resonance/domain';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { ProblemCallout } from '@/components/problem-callout';
import { updateOrgSettings } from './settings-actions';

/** `timeZones` comes from the server, so the list the page renders is the one the API accepts. */
export function SettingsForm({
  settings,
  timeZones,
}: {
  settings: OrgSettings;
  timeZones: readonly string[];
}) {
  const t = useTranslations('settings');
  const tLanguage = useTranslations('common.language.name');
  const tCommon = useTranslations('common');
  const [name, setName] = useState(settings.name);
  const [locale, setLocale] = useState<Locale>(settings.defaultLocale);
  const [k, setK] = useState(String(settings.anonymityThreshold));
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [smallTeamMode, setSmallTeamMode] = useState(settings.smallTeamMode);
  const [retention, setRetention] = useState(String(settings.rawAnswerRetentionDays));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const kNumber = Number(k);
  const kValid =
    Number.isInteger(kNumber) && kNumber >= MIN_ANONYMITY_THRESHOLD && kNumber <= MAX_ANONYMITY_THRESHOLD;
  const retentionDays = Number(retention);
  const retentionValid =
    retention.trim() !== '' &&
    Number.isInteger(retentionDays) &&
    retentionDays >= MIN_RAW_ANSWER_RETENTION_DAYS &&
    retentionDays <= MAX_RAW_ANSWER_RETENTION_DAYS;

  return (
    <form
      className="card stack"
      onSubmit={(event) => {
        event.preventDefault();
        const changes: UpdateOrgSettingsRequest = {};
        if (name.trim() !== settings.name) changes.name = name.trim();
        if (locale !== settings.defaultLocale) changes.defaultLocale = locale;
        if (kNumber !== settings.anonymityThreshold) changes.anonymityThreshold = kNumber;
        if (timeZone !== settings.timeZone) changes.timeZone = timeZone;
        if (smallTeamMode !== settings.smallTeamMode) changes.smallTeamMode = smallTeamMode;
        if (retentionDays !== settings.rawAnswerRetentionDays) changes.rawAnswerRetentionDays = retentionDays;
        setSaved(false);
        if (Object.keys(changes).length === 0) {
          setSaved(true);
          return;
        }
        startTransition(async () => {
          const result = await updateOrgSettings(changes);
          if (result.ok) {
            setProblem(null);
            setSaved(true);
          } else setProblem(result.problem);
        });
      }}
    >
      {problem && <ProblemCallout problem={problem} />}
      {saved && (
        <p className="callout callout--success" role="status">
          {t('saved')}
        </p>
      )}
      <div className="field">
        <label className="field__label" htmlFor="org-name">
          {t('name')}
        </label>
        <input
          id="org-name"
          className="input"
          required
          minLength={2}
          maxLength={120}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setSaved(false);
          }}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="org-locale">
          {t('locale')}
        </label>
        <select
          id="org-locale"
          className="select"
          value={locale}
          onChange={(event) => {
            setLocale(event.target.value as Locale);
            setSaved(false);
          }}
        >
          {LOCALES.map((value) => (
            <option key={value} value={value}>
              {tLanguage(value)}
            </option>
          ))}
        </select>
        <p className="field__hint">{t('localeHint')}</p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="org-time-zone">
          {t('timeZone')}
        </label>
        <select
          id="org-time-zone"
          className="select"
          value={timeZone}
          aria-describedby="org-time-zone-hint"
          onChange={(event) => {
            setTimeZone(event.target.value);
            setSaved(false);
          }}
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
        <p className="field__hint" id="org-time-zone-hint">
          {t('timeZoneHint')}
        </p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="org-k">
          {t('k')}
        </label>
        <input
          id="org-k"
          className="input"
          type="number"
          inputMode="numeric"
          min={MIN_ANONYMITY_THRESHOLD}
          max={MAX_ANONYMITY_THRESHOLD}
          step={1}
          required
          style={{ maxWidth: 120 }}
          value={k}
          aria-invalid={kValid ? undefined : true}
          aria-describedby="org-k-hint"
          onChange={(event) => {
            setK(event.target.value);
            setSaved(false);
          }}
        />
        <p className="field__hint" id="org-k-hint">
          {t('kHint', { min: MIN_ANONYMITY_THRESHOLD, max: MAX_ANONYMITY_THRESHOLD })}
        </p>
      </div>
      <div className="field">
        <label className="checkbox-row" htmlFor="org-small-team-mode">
          <input
            id="org-small-team-mode"
            type="checkbox"
            checked={smallTeamMode}
            aria-describedby="org-small-team-mode-hint"
            onChange={(event) => {
              setSmallTeamMode(event.target.checked);
              setSaved(false);
            }}
          />
          <span className="field__label">{t('smallTeamMode')}</span>
        </label>
        <div className="field__hint stack stack--sm" id="org-small-team-mode-hint">
          <p>{t('smallTeamModeHint', { k: settings.anonymityThreshold })}</p>
          <p>{t('smallTeamModeCost')}</p>
          <p>{t('smallTeamModeRounds')}</p>
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="org-retention">
          {t('retention')}
        </label>
        <input
          id="org-retention"
          className="input"
          type="number"
          inputMode="numeric"
          min={MIN_RAW_ANSWER_RETENTION_DAYS}
          max={MAX_RAW_ANSWER_RETENTION_DAYS}
          step={1}
          required
          style={{ maxWidth: 120 }}
          value={retention}
          aria-invalid={retentionValid ? undefined : true}
          aria-describedby="org-retention-hint"
          onChange={(event) => {
            setRetention(event.target.value);
            setSaved(false);
          }}
        />
        <p className="field__hint" id="org-retention-hint">
          {t('retentionHint', {
            min: MIN_RAW_ANSWER_RETENTION_DAYS,
            max: MAX_RAW_ANSWER_RETENTION_DAYS,
            default: DEFAULT_RAW_ANSWER_RETENTION_DAYS,
          })}
        </p>
      </div>
      <div className="cluster" style={{ justifyContent: 'flex-end' }}>
        <button
          type="submit"
          className="button button--primary"
          disabled={pending || !kValid || !retentionValid}
        >
          {pending ? tCommon('saving') : tCommon('save')}
        </button>
      </div>
    </form>
  );
}
