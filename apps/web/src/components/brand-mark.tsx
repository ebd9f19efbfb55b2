/** Three widening arcs: a voice that carries. Drawn inline so the app loads no image assets. */
export function BrandMark({ className = 'brand__mark' }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#3b4fc4" />
      <circle cx="10" cy="16" r="3" fill="#fff" />
      <path
        d="M15 10.5a7.5 7.5 0 0 1 0 11"
        stroke="#fff"
        strokeWidth="2.2"
        fill="none"
        strokeLinecap="round"
      />
      <path
        d="M19.5 7a12 12 0 0 1 0 18"
        stroke="#fff"
        strokeOpacity="0.7"
        strokeWidth="2.2"
        fill="none"
        strokeLinecap="round"
      />
      <path
        d="M24 4a16.5 16.5 0 0 1 0 24"
        stroke="#fff"
        strokeOpacity="0.4"
        strokeWidth="2.2"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}
