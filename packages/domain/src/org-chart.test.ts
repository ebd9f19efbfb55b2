import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DomainErrorCode } from './errors';
import {
  detectManagerCycles,
  type OrgPerson,
  parseCsvRecords,
  parseOrgChartCsv,
  raterAssignments,
} from './org-chart';

const domainError = (code: DomainErrorCode) => expect.objectContaining({ name: 'DomainError', code });

const person = (id: string, managerId: string | null, active = true): OrgPerson => ({
  id,
  managerId,
  active,
});

describe('raterAssignments', () => {
  //        ceo
  //      /     \
  //   lea       pia (peer)      lea's peer ina is inactive
  //   /  \
  // dan  dora (direct reports)
  const people = [
    person('ceo', null),
    person('lea', 'ceo'),
    person('pia', 'ceo'),
    person('ina', 'ceo', false),
    person('dan', 'lea'),
    person('dora', 'lea'),
    person('gus', 'dan'),
  ];

  it('assigns direct reports, peers, the manager and the leader themself', () => {
    expect(
      raterAssignments({ leaderId: 'lea', people, groups: ['direct_report', 'peer', 'manager', 'self'] }),
    ).toEqual([
      { raterPersonId: 'dan', raterGroup: 'direct_report' },
      { raterPersonId: 'dora', raterGroup: 'direct_report' },
      { raterPersonId: 'pia', raterGroup: 'peer' },
      { raterPersonId: 'ceo', raterGroup: 'manager' },
      { raterPersonId: 'lea', raterGroup: 'self' },
    ]);
  });

  it('only assigns the groups the round asks for', () => {
    expect(raterAssignments({ leaderId: 'lea', people, groups: ['peer'] })).toEqual([
      { raterPersonId: 'pia', raterGroup: 'peer' },
    ]);
  });

  it('leaves out inactive people', () => {
    const assigned = raterAssignments({ leaderId: 'lea', people, groups: ['peer'] }).map(
      (a) => a.raterPersonId,
    );
    expect(assigned).not.toContain('ina');
  });

  it('does not treat people without a manager as peers of a top-level leader', () => {
    const flat = [person('ceo', null), person('founder', null), person('dev', 'ceo')];
    expect(
      raterAssignments({ leaderId: 'ceo', people: flat, groups: ['peer', 'manager', 'direct_report'] }),
    ).toEqual([{ raterPersonId: 'dev', raterGroup: 'direct_report' }]);
  });

  it('never assigns skip-level reports', () => {
    const assigned = raterAssignments({ leaderId: 'lea', people, groups: ['direct_report'] });
    expect(assigned.map((a) => a.raterPersonId)).not.toContain('gus');
  });

  it('rejects an unknown leader', () => {
    expect(() => raterAssignments({ leaderId: 'nobody', people, groups: ['peer'] })).toThrow(
      domainError('unknown_leader'),
    );
  });

  it('assigns nobody twice and never the leader as a rater of another group', () => {
    const org = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 9 }), fc.option(fc.integer({ min: 0, max: 9 })), fc.boolean()),
      {
        minLength: 1,
        maxLength: 10,
      },
    );
    fc.assert(
      fc.property(org, (entries) => {
        const people = entries.map(([, manager, active], index) =>
          person(`p${index}`, manager === null ? null : `p${manager % entries.length}`, active),
        );
        const assignments = raterAssignments({
          leaderId: 'p0',
          people,
          groups: ['direct_report', 'peer', 'manager', 'self'],
        });
        const ids = assignments.map((a) => a.raterPersonId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const assignment of assignments) {
          if (assignment.raterPersonId === 'p0') expect(assignment.raterGroup).toBe('self');
        }
      }),
    );
  });
});

describe('detectManagerCycles', () => {
  it('finds nothing in a proper tree', () => {
    expect(detectManagerCycles([person('a', null), person('b', 'a'), person('c', 'b')])).toEqual([]);
  });

  it('finds a two-person cycle but not the people reporting into it', () => {
    expect(detectManagerCycles([person('a', 'b'), person('b', 'a'), person('c', 'a')])).toEqual(['a', 'b']);
  });

  it('finds a person who manages themself', () => {
    expect(detectManagerCycles([person('a', 'a'), person('b', null)])).toEqual(['a']);
  });

  it('treats a manager outside the list as the end of the chain', () => {
    expect(detectManagerCycles([person('a', 'elsewhere'), person('b', 'a')])).toEqual([]);
  });

  it('finds long cycles whatever the input order', () => {
    expect(
      detectManagerCycles([person('d', 'a'), person('c', 'd'), person('a', 'b'), person('b', 'c')]),
    ).toEqual(['d', 'c', 'a', 'b']);
  });

  it('reports exactly the people from whom following managers returns to themselves', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 11 })), { maxLength: 12 }), (managers) => {
        const people = managers.map((manager, index) =>
          person(`p${index}`, manager === null ? null : `p${manager}`),
        );
        const managerOf = new Map(people.map((p) => [p.id, p.managerId]));
        const returnsToSelf = (id: string) => {
          let current = managerOf.get(id);
          for (let step = 0; step < people.length && current; step++) {
            if (current === id) return true;
            current = managerOf.get(current);
          }
          return false;
        };
        expect(detectManagerCycles(people)).toEqual(people.map((p) => p.id).filter(returnsToSelf));
      }),
    );
  });
});

describe('parseCsvRecords', () => {
  it('splits on commas and line breaks of every style', () => {
    expect(parseCsvRecords('a,b\r\nc,d\ne,f\rg,h').map((record) => record.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const [record] = parseCsvRecords('"Doe, Jane","say ""hi""","two\r\nlines"');
    expect(record?.fields).toEqual(['Doe, Jane', 'say "hi"', 'two\nlines']);
  });

  it('numbers records by the line they start on, counting lines inside quotes', () => {
    const records = parseCsvRecords('h1,h2\n"multi\nline",x\nlast,y\n');
    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('drops a byte order mark and a final line break', () => {
    expect(parseCsvRecords('\uFEFFemail\n').map((record) => record.fields)).toEqual([['email']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsvRecords('a,,b,\n')[0]?.fields).toEqual(['a', '', 'b', '']);
    expect(parseCsvRecords('""')[0]?.fields).toEqual(['']);
  });

  it('flags an unclosed quote and text after a closing quote', () => {
    expect(parseCsvRecords('a,"open\nb,c')[0]?.problem).toMatch(/never closed/);
    expect(parseCsvRecords('"closed"tail,b')[0]?.problem).toMatch(/after a closing quote/);
  });

  it('reads on after a broken record, on the line after it', () => {
    const records = parseCsvRecords('h1,h2\n"x"y,b\nok,1\na"b,c\r\n"two\r\nlines",z\n');
    expect(records.map(({ line, fields, problemCode }) => [line, fields, problemCode])).toEqual([
      [1, ['h1', 'h2'], null],
      [2, [], 'row_text_after_quote'],
      [3, ['ok', '1'], null],
      [4, [], 'row_stray_quote'],
      [5, ['two\nlines', 'z'], null],
    ]);
  });

  it('stops reading a file of broken quotes after a hundred of them', () => {
    const records = parseCsvRecords(`h\n${'"a"b\n'.repeat(30_000)}`);
    const problems = records.filter((record) => record.problemCode !== null);
    expect(problems).toHaveLength(101);
    expect(problems.at(-1)).toMatchObject({ line: 102, problemCode: 'row_not_read' });
  });

  it('reads back any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ä', ' ', ',', '"', '\n', '\r\n', 'x') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (table) => {
          const csv = table
            .map((row) => row.map((value) => `"${value.replaceAll('"', '""')}"`).join(','))
            .join('\r\n');
          const normalized = table.map((row) => row.map((value) => value.replaceAll('\r\n', '\n')));
          expect(parseCsvRecords(csv).map((record) => record.fields)).toEqual(normalized);
        },
      ),
    );
  });
});

describe('parseOrgChartCsv', () => {
  it('reads people with columns in any order and defaults the role to member', () => {
    const csv = [
      'Name,Manager_Email,Email,Role',
      'Carla Chef,,carla@example.com,admin',
      'Lea Lead,carla@example.com,Lea@Example.com,leader',
      'Dan Dev,lea@example.com,dan@example.com,',
    ].join('\n');
    const result = parseOrgChartCsv(csv);
    expect(result.errors).toEqual([]);
    expect(result.unknownManagers).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, email: 'carla@example.com', name: 'Carla Chef', managerEmail: null, role: 'admin' },
      {
        line: 3,
        email: 'lea@example.com',
        name: 'Lea Lead',
        managerEmail: 'carla@example.com',
        role: 'leader',
      },
      { line: 4, email: 'dan@example.com', name: 'Dan Dev', managerEmail: 'lea@example.com', role: 'member' },
    ]);
  });

  it('works without a role column and ignores extra columns', () => {
    const result = parseOrgChartCsv('email,name,manager_email,cost_center\nann@example.com,Ann,,4711\n');
    expect(result.rows).toEqual([
      { line: 2, email: 'ann@example.com', name: 'Ann', managerEmail: null, role: 'member' },
    ]);
  });

  it('accepts an Excel export with BOM, CRLF and quoted names containing commas', () => {
    const csv = '\uFEFFemail,name,manager_email\r\n"doe@example.com","Doe, Jane ""JD""",\r\n';
    expect(parseOrgChartCsv(csv).rows[0]).toMatchObject({ line: 2, name: 'Doe, Jane "JD"' });
  });

  it('skips blank lines but keeps counting them', () => {
    const result = parseOrgChartCsv(
      'email,name,manager_email\n\nann@example.com,Ann,\n,,\nbo@example.com,Bo,\n',
    );
    expect(result.rows.map((row) => row.line)).toEqual([3, 5]);
  });

  it('requires a header row naming email, name and manager_email', () => {
    expect(parseOrgChartCsv('ann@example.com,Ann,\n').errors).toEqual([
      {
        line: 1,
        field: 'header',
        code: 'header_missing_column',
        params: { columns: 'email, name, manager_email', count: 3 },
        message: expect.stringMatching(/Missing columns email, name, manager_email/),
      },
    ]);
    expect(parseOrgChartCsv('email,name\n').errors[0]).toMatchObject({
      field: 'header',
      code: 'header_missing_column',
      params: { columns: 'manager_email', count: 1 },
      message: expect.stringMatching(/Missing column manager_email/),
    });
    expect(parseOrgChartCsv('email,name,manager_email,Email\n').errors[0]).toMatchObject({
      code: 'header_duplicate_column',
      params: { column: 'email' },
      message: expect.stringMatching(/appears twice/),
    });
  });

  it('reports an empty file', () => {
    expect(parseOrgChartCsv('\uFEFF\n\n').errors).toEqual([
      { line: 1, field: 'header', code: 'header_empty', params: {}, message: expect.stringMatching(/empty/) },
    ]);
  });

  it('names the line and field of every invalid value', () => {
    const csv = [
      'email,name,manager_email,role',
      'not-an-email,Ann,,member',
      'bo@example.com,,,member',
      'cy@example.com,Cy,boss@,member',
      'di@example.com,Di,,owner',
      'ed@example.com,Ed,ed@example.com,member',
    ].join('\n');
    expect(parseOrgChartCsv(csv).errors.map(({ line, field }) => [line, field])).toEqual([
      [2, 'email'],
      [3, 'name'],
      [4, 'manager_email'],
      [5, 'role'],
      [6, 'manager_email'],
    ]);
  });

  it('gives every invalid value a stable code and the values its message mentions', () => {
    const csv = [
      'email,name,manager_email,role',
      'not-an-email,Ann,,member',
      'bo@example.com,,,member',
      'cy@example.com,Cy,boss@,member',
      'di@example.com,Di,,owner',
      'ed@example.com,Ed,ed@example.com,member',
      `fa@example.com,${'F'.repeat(201)},,member`,
      ',Gil,,member',
    ].join('\n');
    expect(parseOrgChartCsv(csv).errors.map(({ line, code, params }) => [line, code, params])).toEqual([
      [2, 'email_invalid', { email: 'not-an-email' }],
      [3, 'name_required', {}],
      [4, 'manager_email_invalid', { email: 'boss@' }],
      [5, 'role_invalid', { role: 'owner', allowed: 'admin, leader, member' }],
      [6, 'manager_self', {}],
      [7, 'name_too_long', { max: 200 }],
      [8, 'email_required', {}],
    ]);
  });

  it('keeps the English message beside the code', () => {
    const [issue] = parseOrgChartCsv('email,name,manager_email\nann@example.com,Ann,not-an-email\n').errors;
    expect(issue).toEqual({
      line: 2,
      field: 'manager_email',
      code: 'manager_email_invalid',
      params: { email: 'not-an-email' },
      message: '"not-an-email" is not a valid email address',
    });
  });

  it('flags a row whose field count differs from the header', () => {
    const result = parseOrgChartCsv('email,name,manager_email\nann@example.com,Ann\n');
    expect(result.errors).toEqual([
      {
        line: 2,
        field: 'row',
        code: 'field_count',
        params: { expected: 3, found: 2 },
        message: expect.stringMatching(/Expected 3 fields/),
      },
    ]);
    expect(result.rows).toEqual([]);
  });

  it('flags broken quoting on the line where the record starts', () => {
    const result = parseOrgChartCsv('email,name,manager_email\nann@example.com,"Ann,\n');
    expect(result.errors).toEqual([
      {
        line: 2,
        field: 'row',
        code: 'row_unclosed_quote',
        params: {},
        message: expect.stringMatching(/never closed/),
      },
    ]);
    expect(parseOrgChartCsv('email,name,manager_email\n"ann"x@example.com,Ann,\n').errors[0]).toMatchObject({
      code: 'row_text_after_quote',
    });
  });

  it('flags duplicate emails on both lines, whatever their case', () => {
    const csv =
      'email,name,manager_email\nann@example.com,Ann,\nbo@example.com,Bo,\nANN@example.com,Ann B,\n';
    const result = parseOrgChartCsv(csv);
    expect(result.errors).toEqual([
      {
        line: 2,
        field: 'email',
        code: 'email_duplicate',
        params: { email: 'ann@example.com', lines: '4', count: 1, more: 0 },
        message: 'Duplicate email ann@example.com, also on line 4',
      },
      {
        line: 4,
        field: 'email',
        code: 'email_duplicate',
        params: { email: 'ann@example.com', lines: '2', count: 1, more: 0 },
        message: 'Duplicate email ann@example.com, also on line 2',
      },
    ]);
    expect(result.rows.map((row) => row.email)).toEqual(['bo@example.com']);
  });

  it('stays linear when one email is repeated 30,000 times, naming five other lines and counting the rest', () => {
    // Once a quadratic copy per row and a message listing every other line: out of memory in the API.
    const csv = `email,name,manager_email\n${'same@example.com,Same,\n'.repeat(30_000)}`;
    const result = parseOrgChartCsv(csv);
    expect(result.errors).toHaveLength(30_000);
    expect(result.errors[0]).toMatchObject({
      line: 2,
      params: { lines: '3, 4, 5, 6, 7', count: 29_999, more: 29_994 },
      message: 'Duplicate email same@example.com, also on lines 3, 4, 5, 6, 7 and 29994 more',
    });
    expect(result.errors.at(-1)?.params).toMatchObject({ lines: '2, 3, 4, 5, 6' });
    const reportSize = result.errors.reduce((size, error) => size + error.message.length, 0);
    expect(reportSize).toBeLessThan(30_000 * 120);
  });

  it('lists managers missing from the file separately, for the caller to look up in the database', () => {
    const result = parseOrgChartCsv('email,name,manager_email\nann@example.com,Ann,boss@example.com\n');
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
    expect(result.unknownManagers).toEqual([{ line: 2, managerEmail: 'boss@example.com' }]);
  });

  it('flags a manager cycle within the file', () => {
    const csv =
      'email,name,manager_email\na@example.com,A,b@example.com\nb@example.com,B,a@example.com\nc@example.com,C,a@example.com\n';
    const result = parseOrgChartCsv(csv);
    expect(result.errors.map(({ line, field, code }) => [line, field, code])).toEqual([
      [2, 'manager_email', 'manager_cycle'],
      [3, 'manager_email', 'manager_cycle'],
    ]);
    expect(result.rows.map((row) => row.email)).toEqual(['c@example.com']);
  });
});
