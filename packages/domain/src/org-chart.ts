import { type CsvError, parse as parseCsv } from 'csv-parse/sync';
import { DomainError } from './errors';
import { RATER_GROUPS, type RaterGroup } from './rater-groups';

export interface OrgPerson {
  id: string;
  managerId: string | null;
  active: boolean;
}

export interface RaterAssignment {
  raterPersonId: string;
  raterGroup: RaterGroup;
}

/**
 * Who rates a leader, derived from the org chart: direct reports, peers (same
 * manager), the leader's own manager, and the leader themself. Only active
 * people are invited. Groups come out in canonical order, people in input
 * order; a person lands in one group at most, so no one answers twice.
 */
export function raterAssignments(input: {
  leaderId: string;
  people: readonly OrgPerson[];
  groups: readonly RaterGroup[];
}): RaterAssignment[] {
  return raterAssigner(input.people)(input.leaderId, input.groups);
}

/**
 * raterAssignments for many leaders of one org chart: the chart is indexed once (people by id and
 * by manager), so a round with 500 leaders does not scan every person 500 times.
 */
export function raterAssigner(
  people: readonly OrgPerson[],
): (leaderId: string, groups: readonly RaterGroup[]) => RaterAssignment[] {
  const byId = new Map(people.map((person) => [person.id, person]));
  const position = new Map(people.map((person, index) => [person.id, index]));
  const reportsOf = new Map<string, OrgPerson[]>();
  for (const person of people) {
    if (person.managerId === null) continue;
    reportsOf.set(person.managerId, [...(reportsOf.get(person.managerId) ?? []), person]);
  }
  return (leaderId, groups) => {
    const leader = byId.get(leaderId);
    if (!leader) throw new DomainError('unknown_leader', `Person ${leaderId} is not in the org chart`);
    const membersOf: Record<RaterGroup, () => readonly OrgPerson[]> = {
      direct_report: () => reportsOf.get(leaderId) ?? [],
      peer: () => (leader.managerId === null ? [] : (reportsOf.get(leader.managerId) ?? [])),
      manager: () => {
        const manager = leader.managerId === null ? undefined : byId.get(leader.managerId);
        return manager ? [manager] : [];
      },
      self: () => [leader],
    };
    const assigned = new Set<string>();
    const assignments: RaterAssignment[] = [];
    for (const raterGroup of RATER_GROUPS) {
      if (!groups.includes(raterGroup)) continue;
      // People in input order, as before the index existed.
      const members = [...membersOf[raterGroup]()].sort((a, b) => position.get(a.id)! - position.get(b.id)!);
      for (const person of members) {
        if (!person.active || assigned.has(person.id)) continue;
        if (raterGroup !== 'self' && person.id === leaderId) continue;
        assigned.add(person.id);
        assignments.push({ raterPersonId: person.id, raterGroup });
      }
    }
    return assignments;
  };
}

/**
 * Ids of everyone who sits on a manager cycle (A manages B manages A, or
 * someone managing themself), in input order. People who merely report into
 * a cycle are not listed: fixing the cycle fixes them. Managers missing from
 * `people` end a chain, so callers can check a file before merging it with
 * the database and again after.
 */
export function detectManagerCycles(people: readonly Pick<OrgPerson, 'id' | 'managerId'>[]): string[] {
  const managerOf = new Map(people.map((person) => [person.id, person.managerId]));
  const state = new Map<string, 'visiting' | 'done'>();
  const onCycle = new Set<string>();

  for (const start of people) {
    const path: string[] = [];
    let current: string | null | undefined = start.id;
    // Each person has at most one manager, so following managers is a single path.
    while (current !== null && current !== undefined && managerOf.has(current) && !state.has(current)) {
      state.set(current, 'visiting');
      path.push(current);
      current = managerOf.get(current);
    }
    if (current !== null && current !== undefined && state.get(current) === 'visiting') {
      for (const id of path.slice(path.indexOf(current))) onCycle.add(id);
    }
    for (const id of path) state.set(id, 'done');
  }
  return people.filter((person) => onCycle.has(person.id)).map((person) => person.id);
}

export const ORG_ROLES = ['admin', 'leader', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export interface OrgChartRow {
  /** 1-based line in the file where the record starts. */
  line: number;
  email: string;
  name: string;
  managerEmail: string | null;
  role: OrgRole;
}

export type OrgChartField = 'email' | 'name' | 'manager_email' | 'role' | 'header' | 'row';

/** Stable reason of an org chart problem, for clients that word it in their own language. */
export type OrgChartIssueCode =
  | 'header_empty'
  | 'header_duplicate_column'
  | 'header_missing_column'
  | CsvProblemCode
  | 'field_count'
  | 'email_required'
  | 'email_invalid'
  | 'name_required'
  | 'name_too_long'
  | 'manager_email_invalid'
  | 'manager_self'
  | 'role_invalid'
  | 'email_duplicate'
  | 'manager_cycle';

/** Values a problem's message mentions, so a translation can mention them too. */
export type OrgChartIssueParams = Record<string, string | number>;

export interface OrgChartIssue {
  line: number;
  field: OrgChartField;
  code: OrgChartIssueCode;
  params: OrgChartIssueParams;
  /** English wording of the problem. */
  message: string;
}

export interface UnknownManager {
  line: number;
  managerEmail: string;
}

export interface OrgChartParseResult {
  /** Rows without any error; import them only when `errors` is empty. */
  rows: OrgChartRow[];
  errors: OrgChartIssue[];
  /**
   * Manager emails that are not a person in this file. Not errors by
   * themselves: the manager may already exist in the database, which only the
   * caller can check.
   */
  unknownManagers: UnknownManager[];
}

const REQUIRED_COLUMNS = ['email', 'name', 'manager_email'] as const;
const OPTIONAL_COLUMNS = ['role'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const MAX_NAME_LENGTH = 200;
/** Other lines a duplicate-email problem names before it only counts them. */
const MAX_LISTED_LINES = 5;
const MAX_EMAIL_LENGTH = 254;
const EMAIL_PATTERN =
  /^[^\s@]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}][\p{L}\p{N}-]*[\p{L}\p{N}]$/u;

function isPlausibleEmail(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(value);
}

export type CsvProblemCode =
  | 'row_unclosed_quote'
  | 'row_text_after_quote'
  | 'row_stray_quote'
  | 'row_not_read';

export interface CsvRecord {
  line: number;
  fields: string[];
  problem: string | null;
  problemCode: CsvProblemCode | null;
}

/**
 * RFC 4180 records with the line each starts on, read by csv-parse: comma separated, fields
 * optionally in double quotes, "" for a quote inside quotes, quoted fields may span lines, and
 * CRLF, LF or CR end a record (mixed in one file too: they are made LF first, which is also what a
 * line break inside a quoted field becomes). A leading BOM (as written by Excel) is dropped. A
 * record the parser cannot read is returned with its problem instead of its fields, on the line
 * it starts; reading goes on after it.
 */
export function parseCsvRecords(text: string): CsvRecord[] {
  const input = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  // After a broken quote the parser no longer knows where records start, so reading resumes on
  // the line after the one it failed on. Each resumption reads the rest of the file, so a file
  // full of broken quotes stops being read after a bounded number of them.
  let offset = 0;
  let firstLine = 1;
  for (let resumptions = 0; offset <= input.length; resumptions++) {
    if (resumptions === MAX_CSV_RESUMPTIONS) {
      records.push({
        line: firstLine,
        fields: [],
        problem: CSV_PROBLEMS.row_not_read,
        problemCode: 'row_not_read',
      });
      break;
    }
    const failure = parseFrom(input.slice(offset), firstLine, records);
    if (!failure) break;
    // `failure` is the last line (in the whole file) the broken record touched.
    for (let line = firstLine; line <= failure && offset <= input.length; line++) {
      const end = input.indexOf('\n', offset);
      offset = end === -1 ? input.length + 1 : end + 1;
    }
    firstLine = failure + 1;
  }
  return records;
}

/** Reads records from `text` (whose first line is `firstLine`); returns the line of the first broken record's failure. */
function parseFrom(text: string, firstLine: number, records: CsvRecord[]): number | null {
  let nextLine = firstLine;
  let failure: number | null = null;
  try {
    parseCsv(text, {
      bom: false,
      delimiter: ',',
      record_delimiter: '\n',
      relax_column_count: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      on_record: (fields: string[], context: { lines: number }) => {
        records.push({ line: nextLine, fields, problem: null, problemCode: null });
        nextLine = firstLine + context.lines;
        return null;
      },
      on_skip: (error: CsvError | undefined) => {
        if (!error) return;
        const code = CSV_ERROR_CODES[error.code] ?? 'row_text_after_quote';
        records.push({ line: nextLine, fields: [], problem: CSV_PROBLEMS[code], problemCode: code });
        // csv-parse types its error context loosely; `lines` is the line count where it failed.
        const lines = typeof error.lines === 'number' ? error.lines : 1;
        failure = firstLine + lines - 1;
        throw STOP;
      },
    });
  } catch (error) {
    if (error !== STOP) throw error;
  }
  return failure;
}

const STOP = Symbol('stop reading');
/** Broken quotes after which the rest of a file is not read (the import fails anyway). */
const MAX_CSV_RESUMPTIONS = 100;

const CSV_ERROR_CODES: Partial<Record<string, CsvProblemCode>> = {
  CSV_QUOTE_NOT_CLOSED: 'row_unclosed_quote',
  CSV_INVALID_CLOSING_QUOTE: 'row_text_after_quote',
  INVALID_OPENING_QUOTE: 'row_stray_quote',
};

const CSV_PROBLEMS: Record<CsvProblemCode, string> = {
  row_unclosed_quote: 'A quoted field is never closed',
  row_text_after_quote: 'Unexpected text after a closing quote; put the whole field in quotes',
  row_stray_quote:
    'A quote inside a field that does not start with one; put the whole field in quotes and double the quote',
  row_not_read: 'The rest of the file was not read: too many broken quotes before it',
};

function isBlankRecord(record: CsvRecord): boolean {
  return record.problem === null && record.fields.every((value) => value.trim() === '');
}

function normalizeColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function isColumn(name: string): name is Column {
  return (
    (REQUIRED_COLUMNS as readonly string[]).includes(name) ||
    (OPTIONAL_COLUMNS as readonly string[]).includes(name)
  );
}

function isOrgRole(value: string): value is OrgRole {
  return (ORG_ROLES as readonly string[]).includes(value);
}

/**
 * Parses an org chart exported from an HR system: a header row naming the
 * columns email, name, manager_email and optionally role (any order, case
 * and extra columns ignored), then one person per row. Every problem is
 * reported with its line and field, all at once, so an admin can fix the
 * file in one go.
 */
export function parseOrgChartCsv(text: string): OrgChartParseResult {
  const records = parseCsvRecords(text).filter((record) => !isBlankRecord(record));
  const errors: OrgChartIssue[] = [];
  const headerRecord = records[0];
  if (!headerRecord) {
    return {
      rows: [],
      errors: [
        {
          line: 1,
          field: 'header',
          code: 'header_empty',
          params: {},
          message: 'The file is empty; expected a header row',
        },
      ],
      unknownManagers: [],
    };
  }

  const columnIndex = new Map<Column, number>();
  const headerProblems: OrgChartIssue[] = [];
  const headerProblem = (code: OrgChartIssueCode, params: OrgChartIssueParams, message: string) =>
    headerProblems.push({ line: headerRecord.line, field: 'header', code, params, message });
  if (headerRecord.problem && headerRecord.problemCode) {
    headerProblem(headerRecord.problemCode, {}, headerRecord.problem);
  }
  headerRecord.fields.forEach((rawName, index) => {
    const name = normalizeColumnName(rawName);
    if (!isColumn(name)) return;
    if (columnIndex.has(name)) {
      headerProblem('header_duplicate_column', { column: name }, `Column ${name} appears twice`);
    } else columnIndex.set(name, index);
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !columnIndex.has(column));
  if (missing.length > 0) {
    headerProblem(
      'header_missing_column',
      { columns: missing.join(', '), count: missing.length },
      `Missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header must name email, name, manager_email and optionally role`,
    );
  }
  if (headerProblems.length > 0) {
    return { rows: [], errors: headerProblems, unknownManagers: [] };
  }

  const candidates: { row: OrgChartRow; valid: boolean }[] = [];
  for (const record of records.slice(1)) {
    const { line } = record;
    if (record.problem && record.problemCode) {
      errors.push({ line, field: 'row', code: record.problemCode, params: {}, message: record.problem });
      continue;
    }
    if (record.fields.length !== headerRecord.fields.length) {
      errors.push({
        line,
        field: 'row',
        code: 'field_count',
        params: { expected: headerRecord.fields.length, found: record.fields.length },
        message: `Expected ${headerRecord.fields.length} fields like the header, found ${record.fields.length}`,
      });
      continue;
    }
    const value = (column: Column) => {
      const index = columnIndex.get(column);
      return index === undefined ? '' : (record.fields[index] ?? '').trim();
    };
    const rowErrors: OrgChartIssue[] = [];

    const email = value('email').toLowerCase();
    if (email === '') {
      rowErrors.push({
        line,
        field: 'email',
        code: 'email_required',
        params: {},
        message: 'Email is required',
      });
    } else if (!isPlausibleEmail(email)) {
      rowErrors.push({
        line,
        field: 'email',
        code: 'email_invalid',
        params: { email },
        message: `"${email}" is not a valid email address`,
      });
    }

    const name = value('name').replace(/\s+/g, ' ');
    if (name === '') {
      rowErrors.push({ line, field: 'name', code: 'name_required', params: {}, message: 'Name is required' });
    } else if (name.length > MAX_NAME_LENGTH) {
      rowErrors.push({
        line,
        field: 'name',
        code: 'name_too_long',
        params: { max: MAX_NAME_LENGTH },
        message: `Name is longer than ${MAX_NAME_LENGTH} characters`,
      });
    }

    const managerEmail = value('manager_email').toLowerCase() || null;
    if (managerEmail !== null && !isPlausibleEmail(managerEmail)) {
      rowErrors.push({
        line,
        field: 'manager_email',
        code: 'manager_email_invalid',
        params: { email: managerEmail },
        message: `"${managerEmail}" is not a valid email address`,
      });
    } else if (managerEmail !== null && managerEmail === email) {
      rowErrors.push({
        line,
        field: 'manager_email',
        code: 'manager_self',
        params: {},
        message: 'A person cannot be their own manager',
      });
    }

    const role = value('role').toLowerCase() || 'member';
    if (!isOrgRole(role)) {
      rowErrors.push({
        line,
        field: 'role',
        code: 'role_invalid',
        params: { role, allowed: ORG_ROLES.join(', ') },
        message: `Role "${role}" must be one of ${ORG_ROLES.join(', ')}`,
      });
    }

    errors.push(...rowErrors);
    candidates.push({
      row: { line, email, name, managerEmail, role: isOrgRole(role) ? role : 'member' },
      valid: rowErrors.length === 0,
    });
  }

  const linesByEmail = new Map<string, number[]>();
  for (const { row } of candidates) {
    if (row.email === '') continue;
    const lines = linesByEmail.get(row.email);
    if (lines) lines.push(row.line);
    else linesByEmail.set(row.email, [row.line]);
  }
  for (const candidate of candidates) {
    const lines = linesByEmail.get(candidate.row.email) ?? [];
    if (lines.length < 2) continue;
    // A file can repeat one email thousands of times: name a few other lines, count the rest,
    // so the report stays linear in the file's size.
    const others: number[] = [];
    for (const other of lines) {
      if (other !== candidate.row.line) others.push(other);
      if (others.length === MAX_LISTED_LINES) break;
    }
    const count = lines.length - 1;
    const more = count - others.length;
    const listed = others.join(', ') + (more > 0 ? ` and ${more} more` : '');
    errors.push({
      line: candidate.row.line,
      field: 'email',
      code: 'email_duplicate',
      params: { email: candidate.row.email, lines: others.join(', '), count, more },
      message: `Duplicate email ${candidate.row.email}, also on line${count > 1 ? 's' : ''} ${listed}`,
    });
    candidate.valid = false;
  }

  const unknownManagers = candidates
    .filter(({ row }) => row.managerEmail !== null && isPlausibleEmail(row.managerEmail))
    .filter(({ row }) => !linesByEmail.has(row.managerEmail!))
    .map(({ row }) => ({ line: row.line, managerEmail: row.managerEmail! }));

  const uniqueValid = candidates.filter((candidate) => candidate.valid);
  const cycle = new Set(
    detectManagerCycles(uniqueValid.map(({ row }) => ({ id: row.email, managerId: row.managerEmail }))),
  );
  for (const candidate of uniqueValid) {
    if (!cycle.has(candidate.row.email)) continue;
    errors.push({
      line: candidate.row.line,
      field: 'manager_email',
      code: 'manager_cycle',
      params: {},
      message: 'The manager chain loops back to this person',
    });
    candidate.valid = false;
  }

  errors.sort((a, b) => a.line - b.line);
  return {
    rows: candidates.filter((candidate) => candidate.valid).map(({ row }) => row),
    errors,
    unknownManagers,
  };
}
