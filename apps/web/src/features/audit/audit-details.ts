/** One line of an audit event's details, already short enough for a table cell. */
export interface AuditDetailLine {
  key: string;
  value: string;
}

const MAX_VALUE_LENGTH = 80;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface AuditDetailFormat {
  /** Writes a stored timestamp the way the rest of the page writes times. */
  dateTime?: (iso: string) => string;
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function isFromTo(value: object): value is { from: unknown; to: unknown } {
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes('from') && keys.includes('to');
}

function valueText(value: unknown, format: AuditDetailFormat): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string')
    return format.dateTime && ISO_DATE_TIME.test(value) ? format.dateTime(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value.length === 0 ? '–' : value.map((item) => valueText(item, format)).join(', ');
  if (typeof value === 'object') {
    // A change is stored as { from, to }: read it as an arrow, as people write it.
    if (isFromTo(value)) return `${valueText(value.from, format)} → ${valueText(value.to, format)}`;
    return Object.entries(value)
      .map(([key, inner]) => `${key}: ${valueText(inner, format)}`)
      .join('; ');
  }
  return String(value);
}

/**
 * The details of an audit event as short "key: value" lines, in the order the API stored them. The
 * keys stay as recorded (they are stable names a works council can look up); values are shortened.
 */
export function auditDetailLines(
  details: Record<string, unknown>,
  format: AuditDetailFormat = {},
): AuditDetailLine[] {
  return Object.entries(details).map(([key, value]) => ({ key, value: shorten(valueText(value, format)) }));
}
