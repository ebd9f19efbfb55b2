import { AppError } from '../errors/problem';

/** A position in the log: the last event of a page, by (createdAt desc, id desc). */
export interface AuditCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Opaque to clients: base64url of `<createdAt ISO>|<id>`. */
export function encodeAuditCursor({ createdAt, id }: AuditCursor): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

/** The cursor a client sent back; anything that is not one of ours answers 400. */
export function decodeAuditCursor(cursor: string): AuditCursor {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = at && ISO_INSTANT.test(at) ? new Date(at) : null;
  // Round-tripping the date also refuses calendar nonsense such as February 30th.
  const validDate =
    createdAt !== null && !Number.isNaN(createdAt.getTime()) && createdAt.toISOString() === at;
  if (!validDate || !id || !UUID.test(id) || rest.length > 0) {
    throw new AppError('validation', 'This cursor is not one the audit log handed out.', {
      code: 'invalid-cursor',
      errors: [{ field: 'querystring.before', message: 'use nextCursor from the previous page' }],
    });
  }
  return { createdAt: createdAt as Date, id };
}
