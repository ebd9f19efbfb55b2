import { type AuditEvent, auditActionSchema } from '@resonance/contracts';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { TableRegion } from '@/components/table-region';
import { auditDetailLines } from './audit-details';

const KNOWN_ACTIONS = new Set<string>(auditActionSchema.options);
const KNOWN_TARGETS = new Set(['round', 'person', 'organisation', 'user']);

/**
 * Audit events as a table, newest first as the API sends them. What happened leads each row; on a
 * phone the rows become stacked entries whose cells carry their column name (`data-label`).
 */
export async function AuditTable({ events }: { events: AuditEvent[] }) {
  const t = await getTranslations('audit');
  const format = await getFormatter();
  const dateTime = (iso: string) =>
    format.dateTime(new Date(iso), {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });

  return (
    <TableRegion label={t('tableLabel')}>
      <table className="table audit-table">
        <caption className="visually-hidden">{t('tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.action')}</th>
            <th scope="col">{t('columns.at')}</th>
            <th scope="col">{t('columns.actor')}</th>
            <th scope="col">{t('columns.target')}</th>
            <th scope="col">{t('columns.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const details = auditDetailLines(event.details, { dateTime });
            return (
              <tr key={event.id} data-action={event.action}>
                <th scope="row" className="audit-table__action">
                  {/* An action added to the API before the web app knows it still shows, by its name. */}
                  {KNOWN_ACTIONS.has(event.action) ? t(`action.${event.action}`) : event.action}
                </th>
                <td className="audit-table__time" data-label={t('columns.at')}>
                  <time dateTime={event.at}>{dateTime(event.at)}</time>
                </td>
                <td className="audit-table__actor" data-label={t('columns.actor')}>
                  {event.actor ? event.actor.email : <span className="badge">{t('system')}</span>}
                </td>
                <td className="audit-table__target" data-label={t('columns.target')}>
                  {event.target ? (
                    <AuditTarget
                      type={event.target.type}
                      id={event.target.id}
                      label={targetLabel(event.target.type)}
                    />
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
                <td className="audit-table__details" data-label={t('columns.details')}>
                  {details.length === 0 ? (
                    <span className="muted">–</span>
                  ) : (
                    <ul className="audit-details">
                      {details.map((line) => (
                        <li key={line.key}>
                          <span className="muted">{line.key}:</span> {line.value}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );

  function targetLabel(type: string): string {
    return KNOWN_TARGETS.has(type) ? t(`target.${type}`) : type;
  }
}

function AuditTarget({ type, id, label }: { type: string; id: string; label: string }) {
  // Ids are shortened for reading; the whole id stays in the tooltip and the round link.
  const shortId = id.length > 8 ? id.slice(0, 8) : id;
  const text = (
    <>
      {label} <span className="tabular">{shortId}</span>
    </>
  );
  return type === 'round' ? (
    <Link href={`/admin/rounds/${encodeURIComponent(id)}`} title={id}>
      {text}
    </Link>
  ) : (
    <span title={id}>{text}</span>
  );
}
