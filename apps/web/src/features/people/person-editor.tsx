'use client';

import type { Person, PersonRole, Problem, UpdatePersonRequest } from '@resonance/contracts';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { Modal } from '@/components/modal';
import { ProblemCallout } from '@/components/problem-callout';
import { updatePerson } from './people-actions';

const ROLES: PersonRole[] = ['member', 'leader', 'admin'];

/** Role, manager and active state of one person, edited in a dialog from the people list. */
export function PersonEditor({
  person,
  managers,
}: {
  person: Person;
  managers: { id: string; name: string }[];
}) {
  const t = useTranslations('people.edit');
  const tRole = useTranslations('people.role');
  const tCommon = useTranslations('common');
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<PersonRole>(person.role);
  const [managerId, setManagerId] = useState(person.manager?.id ?? '');
  const [active, setActive] = useState(person.active);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, startTransition] = useTransition();
  const formId = `edit-${person.id}`;

  function save() {
    const changes: UpdatePersonRequest = {};
    if (role !== person.role) changes.role = role;
    if (managerId !== (person.manager?.id ?? '')) changes.managerId = managerId || null;
    if (active !== person.active) changes.active = active;
    if (Object.keys(changes).length === 0) {
      setOpen(false);
      return;
    }
    startTransition(async () => {
      const result = await updatePerson(person.id, changes);
      if (result.ok) {
        setProblem(null);
        setOpen(false);
      } else setProblem(result.problem);
    });
  }

  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          setRole(person.role);
          setManagerId(person.manager?.id ?? '');
          setActive(person.active);
          setProblem(null);
          setOpen(true);
        }}
        aria-label={t('open', { name: person.name })}
      >
        {t('button')}
      </button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={t('title', { name: person.name })}
        actions={
          <>
            <button type="button" className="button" onClick={() => setOpen(false)} disabled={pending}>
              {tCommon('cancel')}
            </button>
            <button type="submit" form={formId} className="button button--primary" disabled={pending}>
              {pending ? tCommon('saving') : tCommon('save')}
            </button>
          </>
        }
      >
        <form
          id={formId}
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <p className="small muted">{person.email}</p>
          {problem && <ProblemCallout problem={problem} />}
          <div className="field">
            <label className="field__label" htmlFor={`${formId}-role`}>
              {t('role')}
            </label>
            <select
              id={`${formId}-role`}
              className="select"
              value={role}
              onChange={(event) => setRole(event.target.value as PersonRole)}
            >
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {tRole(value)}
                </option>
              ))}
            </select>
            <p className="field__hint">{t('roleHint')}</p>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${formId}-manager`}>
              {t('manager')}
            </label>
            <select
              id={`${formId}-manager`}
              className="select"
              value={managerId}
              onChange={(event) => setManagerId(event.target.value)}
            >
              <option value="">{t('noManager')}</option>
              {managers
                .filter((manager) => manager.id !== person.id)
                .map((manager) => (
                  <option key={manager.id} value={manager.id}>
                    {manager.name}
                  </option>
                ))}
            </select>
          </div>
          <label className="checkbox-row">
            <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
            {t('active')}
          </label>
          {!active && person.active && <p className="callout callout--warning">{t('deactivateWarning')}</p>}
        </form>
      </Modal>
    </>
  );
}
