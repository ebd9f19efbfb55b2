'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTransition } from 'react';

/**
 * A labelled select that navigates by changing one query parameter (e.g. the
 * round or the leader), so every view has a shareable, printable URL.
 */
export function QuerySelect({
  id,
  label,
  param,
  value,
  options,
  placeholder,
  resetParams = [],
}: {
  id: string;
  label: string;
  param: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  placeholder?: string;
  /** Parameters that no longer apply after this one changes (a new leader has other rounds). */
  resetParams?: string[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="select"
        value={value ?? ''}
        aria-busy={pending}
        onChange={(event) => {
          const next = new URLSearchParams(searchParams.toString());
          for (const name of resetParams) next.delete(name);
          if (event.target.value) next.set(param, event.target.value);
          else next.delete(param);
          startTransition(() => router.push(`${pathname}?${next.toString()}`));
        }}
      >
        {placeholder && (
          <option value="" disabled>
            {placeholder}
          </option>
        )}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
