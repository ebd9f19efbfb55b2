'use client';

export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button no-print" onClick={() => window.print()}>
      <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M7 9V3h10v6M7 17H4v-7h16v7h-3M7 14h10v7H7z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinejoin="round"
        />
      </svg>
      {label}
    </button>
  );
}
