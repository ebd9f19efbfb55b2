'use client';

import type { ImportPeopleResponse, Problem } from '@resonance/contracts';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState, useTransition } from 'react';
import { ProblemCallout } from '@/components/problem-callout';
import { TableRegion } from '@/components/table-region';
import { importOrgChart } from './import-actions';
import { useImportErrorText } from './import-error-text';
import { problemsByLine } from './import-lines';

type Outcome =
  | { kind: 'none' }
  | { kind: 'preview'; csv: string; result: ImportPeopleResponse }
  | { kind: 'rejected'; csv: string; problem: Problem }
  | { kind: 'imported'; result: ImportPeopleResponse };

const SAMPLE = `email,name,manager_email,role
ceo@example.org,Alex Example,,leader
ana@example.org,Ana Example,ceo@example.org,leader
ben@example.org,Ben Example,ana@example.org,member`;

/**
 * Org chart import in two steps: a dry run that previews every line (or
 * points at the broken ones), then the real, all-or-nothing import.
 */
export function ImportForm() {
  const t = useTranslations('import');
  const [csv, setCsv] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [pending, startTransition] = useTransition();
  const [fileError, setFileError] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const textareaId = useId();
  const fileId = useId();

  const focusResult = () => requestAnimationFrame(() => resultRef.current?.focus());

  function preview() {
    const text = csv;
    startTransition(async () => {
      const result = await importOrgChart(text, true);
      setOutcome(
        result.ok
          ? { kind: 'preview', csv: text, result: result.data }
          : { kind: 'rejected', csv: text, problem: result.problem },
      );
      focusResult();
    });
  }

  function commit(text: string) {
    startTransition(async () => {
      const result = await importOrgChart(text, false);
      setOutcome(
        result.ok
          ? { kind: 'imported', result: result.data }
          : { kind: 'rejected', csv: text, problem: result.problem },
      );
      focusResult();
    });
  }

  const stale = (outcome.kind === 'preview' || outcome.kind === 'rejected') && outcome.csv !== csv;

  return (
    <div className="stack stack--lg">
      <section className="card stack" aria-labelledby="import-source">
        <div className="stack stack--sm">
          <h2 id="import-source" className="card__title">
            {t('source.title')}
          </h2>
          <p className="small muted">{t('source.lead')}</p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={fileId}>
            {t('source.file')}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".csv,text/csv,text/plain"
            className="input"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              try {
                setCsv(await file.text());
                setFileError(false);
                setOutcome({ kind: 'none' });
              } catch {
                setFileError(true);
              }
            }}
          />
          {fileError && <p className="field__error">{t('source.fileError')}</p>}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={textareaId}>
            {t('source.paste')}
          </label>
          <textarea
            id={textareaId}
            className="textarea textarea--code"
            value={csv}
            spellCheck={false}
            placeholder={SAMPLE}
            aria-describedby={`${textareaId}-hint`}
            onChange={(event) => setCsv(event.target.value)}
          />
          <p className="field__hint" id={`${textareaId}-hint`}>
            {t('source.hint')}
          </p>
        </div>
        <div className="cluster">
          <button
            type="button"
            className="button button--primary"
            onClick={preview}
            disabled={pending || !csv.trim()}
          >
            {pending ? t('checking') : t('preview')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setCsv(SAMPLE)}>
            {t('useSample')}
          </button>
        </div>
      </section>

      <div ref={resultRef} tabIndex={-1} className="stack" aria-live="polite" style={{ outline: 'none' }}>
        {stale && <p className="callout callout--info">{t('stale')}</p>}
        {outcome.kind === 'rejected' && <RejectedLines csv={outcome.csv} problem={outcome.problem} />}
        {outcome.kind === 'preview' && (
          <PreviewTable
            result={outcome.result}
            pending={pending}
            stale={stale}
            onImport={() => commit(outcome.csv)}
          />
        )}
        {outcome.kind === 'imported' && (
          <div className="callout callout--success" role="status">
            <div>
              <p className="callout__title">{t('done.title')}</p>
              <p>
                {t('done.body', {
                  created: outcome.result.created,
                  updated: outcome.result.updated,
                  unchanged: outcome.result.unchanged,
                })}
              </p>
              <p>
                <Link href="/admin/people">{t('done.toPeople')}</Link>
              </p>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/** The submitted file, line by line, with the API's complaints next to the lines they concern. */
function RejectedLines({ csv, problem }: { csv: string; problem: Problem }) {
  const t = useTranslations('import.rejected');
  const errorText = useImportErrorText();
  const byLine = problemsByLine(problem.errors ?? []);
  const lines = csv.replace(/\r\n?/g, '\n').split('\n');
  const general = byLine.get(0) ?? [];
  const lineCount = [...byLine.keys()].filter((line) => line > 0).length;

  if (lineCount === 0) return <ProblemCallout problem={problem} />;
  return (
    <section className="card card--flush" aria-labelledby="import-rejected">
      <div className="stack" style={{ padding: 'var(--space-5)' }}>
        <div className="callout callout--error" role="alert">
          <div>
            <p className="callout__title" id="import-rejected">
              {t('title', { count: lineCount })}
            </p>
            <p>{t('body')}</p>
            {general.length > 0 && (
              <ul>
                {general.map((item) => (
                  <li key={item.message}>{errorText(item)}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </div>
      <TableRegion label={t('caption')}>
        <table className="table import-lines">
          <caption className="visually-hidden">{t('caption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('line')}
              </th>
              <th scope="col">{t('problem')}</th>
              <th scope="col">{t('content')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((content, index) => {
              const number = index + 1;
              const problems = byLine.get(number);
              if (!problems && content.trim() === '') return null;
              return (
                <tr key={number} className={problems ? 'row--error' : undefined} data-line={number}>
                  <td className="num">{number}</td>
                  <td className="import-lines__problem">
                    {problems?.map((item) => (
                      <p key={`${item.field}:${item.message}`} className="field__error">
                        {errorText(item)}
                        {item.field ? (
                          <span className="import-lines__column"> {t('column', { column: item.field })}</span>
                        ) : null}
                      </p>
                    ))}
                  </td>
                  <td>
                    <code className="import-lines__code">{content}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

function PreviewTable({
  result,
  pending,
  stale,
  onImport,
}: {
  result: ImportPeopleResponse;
  pending: boolean;
  stale: boolean;
  onImport: () => void;
}) {
  const t = useTranslations('import.previewTable');
  const changing = result.created + result.updated;
  return (
    <section className="card card--flush" aria-labelledby="import-preview">
      <div className="card__header" style={{ padding: 'var(--space-5) var(--space-5) 0' }}>
        <div className="stack stack--sm">
          <h2 id="import-preview" className="card__title">
            {t('title')}
          </h2>
          <p className="small muted" role="status">
            {t('summary', { created: result.created, updated: result.updated, unchanged: result.unchanged })}
          </p>
        </div>
        <button
          type="button"
          className="button button--primary"
          onClick={onImport}
          disabled={pending || stale}
        >
          {pending ? t('importing') : t('import', { count: changing })}
        </button>
      </div>
      <TableRegion label={t('title')}>
        <table className="table">
          <caption className="visually-hidden">{t('title')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('line')}
              </th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('action')}</th>
              <th scope="col">{t('changes')}</th>
            </tr>
          </thead>
          <tbody>
            {result.people.map((row) => (
              <tr key={row.line}>
                <td className="num">{row.line}</td>
                <td>{row.name}</td>
                <td>{row.email}</td>
                <td>
                  <span
                    className={`badge ${row.action === 'create' ? 'badge--positive' : row.action === 'update' ? 'badge--info' : ''}`}
                  >
                    {t(`actions.${row.action}`)}
                  </span>
                </td>
                <td className="small muted">
                  {row.changes.length > 0
                    ? row.changes.map((change) => t(`fields.${change}`)).join(', ')
                    : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
