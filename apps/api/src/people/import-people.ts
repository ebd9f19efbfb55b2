import { randomUUID } from 'node:crypto';
import type { FieldError, ImportPeopleResponse, ImportPerson, ImportPreviewRow } from '@resonance/contracts';
import { type Db, isPrismaError, type Prisma, PrismaErrorCode } from '@resonance/db';
import {
  detectManagerCycles,
  type OrgChartField,
  type OrgChartRow,
  parseOrgChartCsv,
  type UnknownManager,
} from '@resonance/domain';
import type { AuthUser } from '../auth/auth-plugin';
import { AppError } from '../errors/problem';
import { lockOrganisation } from './lock-organisation';
import { syncLogin } from './update-person';

export type ImportSource = { kind: 'csv'; text: string } | { kind: 'json'; people: ImportPerson[] };

type RowField = Exclude<OrgChartField, 'header' | 'row'>;

const JSON_FIELD_NAMES: Record<RowField, string> = {
  email: 'email',
  name: 'name',
  manager_email: 'managerEmail',
  role: 'role',
};

/** The most problems one answer lists; a wrong file can have thousands of the same mistake. */
const MAX_REPORTED_ERRORS = 500;

/**
 * Imports an org chart: upserts people by email, sets managers (who must be in the file or
 * already in the organisation) and roles, all in one transaction, so any error leaves the
 * organisation untouched. People missing from the file are left as they are. With `dryRun` the
 * same checks run and the preview is returned without writing.
 */
export async function importPeople({
  db,
  actor,
  source,
  dryRun,
}: {
  db: Db;
  actor: AuthUser;
  source: ImportSource;
  dryRun: boolean;
}): Promise<ImportPeopleResponse> {
  const { rows, errors, label, managersOutsideFile } = parseSource(source);
  try {
    return await db.$transaction(
      async (tx) => {
        await lockOrganisation(tx, actor.orgId);
        const plan = await planImport(tx, actor, rows, { label, managersOutsideFile });
        errors.push(...plan.errors);
        if (errors.length > 0) throw importRejected(errors);
        if (!dryRun) await applyPlan(tx, actor.orgId, plan);
        return summarise(plan.preview, dryRun);
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    // Another import created one of these people between our read and our write.
    if (isPrismaError(error, PrismaErrorCode.uniqueViolation)) {
      throw new AppError('conflict', 'Another change to the org chart happened at the same time; try again.');
    }
    throw error;
  }
}

type Label = (line: number, field: OrgChartField) => string;

interface ParsedSource {
  /** Rows without problems of their own. */
  rows: OrgChartRow[];
  errors: FieldError[];
  label: Label;
  /** Manager emails that are no one in the file (rows with problems included): they must be in the database. */
  managersOutsideFile: UnknownManager[];
}

function parseSource(source: ImportSource): ParsedSource {
  if (source.kind === 'csv') {
    const label: Label = (line, field) => (field === 'row' ? `line ${line}` : `line ${line}: ${field}`);
    const parsed = parseOrgChartCsv(source.text);
    const errors: FieldError[] = parsed.errors.map((issue) => ({
      field: label(issue.line, issue.field),
      message: issue.message,
      code: issue.code,
      params: issue.params,
    }));
    if (errors.length === 0 && parsed.rows.length === 0) {
      errors.push({
        field: label(2, 'row'),
        message: 'The file has a header but no people',
        code: 'file_no_people',
      });
    }
    return { rows: parsed.rows, errors, label, managersOutsideFile: parsed.unknownManagers };
  }

  // JSON was shape-checked by the route schema; positions are 1-based like lines.
  const label: Label = (line, field) =>
    field === 'header' || field === 'row'
      ? `body.people.${line - 1}`
      : `body.people.${line - 1}.${JSON_FIELD_NAMES[field]}`;
  const rows: OrgChartRow[] = source.people.map((person, index) => ({
    line: index + 1,
    email: person.email,
    name: person.name.replace(/\s+/g, ' '),
    managerEmail: person.managerEmail ?? null,
    role: person.role ?? 'member',
  }));
  const errors: FieldError[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const first = firstLine.get(row.email);
    if (first !== undefined) {
      errors.push({
        field: label(row.line, 'email'),
        message: `Duplicate email ${row.email}, also at ${label(first, 'row')}`,
        code: 'entry_duplicate',
        params: { email: row.email, other: label(first, 'row') },
      });
    } else firstLine.set(row.email, row.line);
    if (row.managerEmail === row.email) {
      errors.push({
        field: label(row.line, 'manager_email'),
        message: 'A person cannot be their own manager',
        code: 'manager_self',
      });
    }
  }
  const managersOutsideFile = rows
    .filter((row) => row.managerEmail !== null && !firstLine.has(row.managerEmail))
    .map((row) => ({ line: row.line, managerEmail: row.managerEmail! }));
  return { rows, errors, label, managersOutsideFile };
}

interface PlannedRow {
  row: OrgChartRow;
  id: string;
  managerId: string | null;
  existing: ExistingPerson | undefined;
  preview: ImportPreviewRow;
}

interface ImportPlan {
  rows: PlannedRow[];
  preview: ImportPreviewRow[];
  errors: FieldError[];
}

const existingPersonSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  managerId: true,
  active: true,
  user: { select: { id: true, role: true, active: true } },
} satisfies Prisma.PersonSelect;

type ExistingPerson = Prisma.PersonGetPayload<{ select: typeof existingPersonSelect }>;

async function planImport(
  tx: Prisma.TransactionClient,
  actor: AuthUser,
  rows: OrgChartRow[],
  { label, managersOutsideFile }: Pick<ParsedSource, 'label' | 'managersOutsideFile'>,
): Promise<ImportPlan> {
  const errors: FieldError[] = [];
  const existing = await tx.person.findMany({ where: { orgId: actor.orgId }, select: existingPersonSelect });
  const existingByEmail = new Map(existing.map((person) => [person.email, person]));
  const ids = new Map(existing.map((person) => [person.email, person.id]));
  for (const row of rows) if (!ids.has(row.email)) ids.set(row.email, randomUUID());

  for (const { line, managerEmail } of managersOutsideFile) {
    if (!existingByEmail.has(managerEmail)) {
      errors.push({
        field: label(line, 'manager_email'),
        message: `No person with the email ${managerEmail} in this file or in the organisation`,
        code: 'manager_unknown',
        params: { email: managerEmail },
      });
    }
  }

  const planned: PlannedRow[] = [];
  for (const row of rows) {
    const id = ids.get(row.email)!;
    // Null also when the manager's own row has problems; those are reported on that row.
    const managerId = row.managerEmail === null ? null : (ids.get(row.managerEmail) ?? null);
    const before = existingByEmail.get(row.email);
    if (before && before.id === actor.personId && row.role !== 'admin') {
      errors.push({
        field: label(row.line, 'role'),
        message: 'You cannot remove your own admin role',
        code: 'own_admin_role',
        params: { role: row.role },
      });
    }
    const changes: ImportPreviewRow['changes'] = [];
    if (before) {
      if (before.name !== row.name) changes.push('name');
      if (before.managerId !== managerId) changes.push('manager');
      if (before.role !== row.role) changes.push('role');
    }
    const action = !before ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
    planned.push({
      row,
      id,
      managerId,
      existing: before,
      preview: { line: row.line, email: row.email, name: row.name, action, changes },
    });
  }

  // The file alone may be fine and still close a loop through people already in the organisation.
  const managerAfter = new Map(existing.map((person) => [person.id, person.managerId]));
  for (const { id, managerId } of planned) managerAfter.set(id, managerId);
  const onCycle = new Set(
    detectManagerCycles([...managerAfter].map(([id, managerId]) => ({ id, managerId }))),
  );
  for (const { id, row } of planned) {
    if (onCycle.has(id)) {
      errors.push({
        field: label(row.line, 'manager_email'),
        message: 'The manager chain loops back to this person',
        code: 'manager_cycle',
      });
    }
  }
  return { rows: planned, preview: planned.map((p) => p.preview), errors };
}

async function applyPlan(tx: Prisma.TransactionClient, orgId: string, plan: ImportPlan) {
  const created = plan.rows.filter((p) => p.preview.action === 'create');
  const updated = plan.rows.filter((p) => p.preview.action === 'update');
  // Managers may be new too: create everyone first, then link them.
  await tx.person.createMany({
    data: created.map(({ id, row }) => ({ id, orgId, email: row.email, name: row.name, role: row.role })),
  });
  const newReportsByManager = new Map<string, string[]>();
  for (const { id, managerId } of created) {
    if (managerId) newReportsByManager.set(managerId, [...(newReportsByManager.get(managerId) ?? []), id]);
  }
  for (const [managerId, reportIds] of newReportsByManager) {
    await tx.person.updateMany({ where: { id: { in: reportIds }, orgId }, data: { managerId } });
  }
  for (const { id, row, managerId, existing } of updated) {
    await tx.person.update({
      where: { id },
      // A new manager is a new team: raters of a round see how many of their group are new (rule 11).
      data: {
        name: row.name,
        role: row.role,
        managerId,
        ...(existing && existing.managerId !== managerId ? { teamSince: new Date() } : {}),
      },
      select: { id: true },
    });
    if (existing?.user && existing.role !== row.role) {
      await syncLogin(tx, existing.user, { role: row.role, active: existing.active, now: new Date() });
    }
  }
}

function summarise(preview: ImportPreviewRow[], dryRun: boolean): ImportPeopleResponse {
  const count = (action: ImportPreviewRow['action']) => preview.filter((row) => row.action === action).length;
  return {
    dryRun,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    people: preview,
  };
}

function importRejected(errors: FieldError[]): AppError {
  const sorted = [...errors].sort((a, b) => lineOf(a) - lineOf(b));
  return new AppError(
    'validation',
    `The org chart has ${errors.length} problem${errors.length === 1 ? '' : 's'}; nothing was imported. Fix ${errors.length === 1 ? 'it' : 'them'} and try again.`,
    { code: 'import-rejected', errors: sorted.slice(0, MAX_REPORTED_ERRORS) },
  );
}

function lineOf(error: FieldError): number {
  const match = error.field.match(/(?:line |people\.)(\d+)/);
  return match ? Number(match[1]) : 0;
}
