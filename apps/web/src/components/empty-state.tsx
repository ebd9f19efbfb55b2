import type { ReactNode } from 'react';

const ICONS = {
  chart: (
    <path
      d="M4 19h16M7 16V10M12 16V5M17 16v-4"
      strokeWidth="1.8"
      strokeLinecap="round"
      fill="none"
      stroke="currentColor"
    />
  ),
  inbox: (
    <path
      d="M4 13h4l1.5 3h5L16 13h4M5 5h14l1 8v6H4v-6l1-8Z"
      strokeWidth="1.6"
      strokeLinejoin="round"
      fill="none"
      stroke="currentColor"
    />
  ),
  people: (
    <path
      d="M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm-6 9c0-3.3 2.7-6 6-6s6 2.7 6 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14c2 .8 3 2.8 3 6"
      strokeWidth="1.6"
      strokeLinecap="round"
      fill="none"
      stroke="currentColor"
    />
  ),
  alert: (
    <path
      d="M12 8v5m0 3.5v.5M10.3 3.9 2.6 17.2A2 2 0 0 0 4.3 20h15.4a2 2 0 0 0 1.7-2.8L13.7 3.9a2 2 0 0 0-3.4 0Z"
      strokeWidth="1.6"
      strokeLinecap="round"
      fill="none"
      stroke="currentColor"
    />
  ),
  lock: (
    <path
      d="M7 11V8a5 5 0 0 1 10 0v3M5 11h14v9H5z"
      strokeWidth="1.6"
      strokeLinejoin="round"
      fill="none"
      stroke="currentColor"
    />
  ),
  check: (
    <path
      d="M5 12.5 10 17l9-10"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      fill="none"
      stroke="currentColor"
    />
  ),
} as const;

export type EmptyStateIcon = keyof typeof ICONS;

export function EmptyState({
  icon = 'inbox',
  title,
  children,
  action,
  headingLevel = 2,
  bare = false,
}: {
  icon?: EmptyStateIcon;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  headingLevel?: 1 | 2 | 3;
  /** Without its own frame, for use inside a card. */
  bare?: boolean;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className={bare ? 'empty-state empty-state--bare' : 'empty-state'}>
      <svg
        className="empty-state__icon"
        data-icon={icon}
        viewBox="0 0 24 24"
        aria-hidden="true"
        focusable="false"
      >
        {ICONS[icon]}
      </svg>
      <Heading className="card__title">{title}</Heading>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}
