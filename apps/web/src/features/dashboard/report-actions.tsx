'use client';

import { useState } from 'react';
import styles from './dashboard.module.css';

/**
 * "Print" and "Download PDF". The PDF is the browser's own print-to-PDF of the same page, not a
 * server-side render: the print stylesheet is then the one source of the document, and a
 * self-hosted Resonance needs no headless Chromium in its image (hundreds of MB, a sandbox to run,
 * the leader's session handed to a second process). The document title becomes the PDF's default
 * file name for the moment of printing.
 */
export function ReportActions({
  printLabel,
  pdfLabel,
  pdfHint,
  documentTitle,
}: {
  printLabel: string;
  pdfLabel: string;
  pdfHint: string;
  documentTitle: string;
}) {
  const [hint, setHint] = useState(false);
  const print = () => {
    const previous = document.title;
    document.title = documentTitle;
    window.addEventListener('afterprint', () => (document.title = previous), { once: true });
    window.print();
  };
  return (
    <div className={`${styles.actions} no-print`}>
      <div className="cluster">
        <button type="button" className="button" onClick={print}>
          <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              d="M7 9V3h10v6M7 17H4v-7h16v7h-3M7 14h10v7H7z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinejoin="round"
            />
          </svg>
          {printLabel}
        </button>
        <button
          type="button"
          className="button"
          aria-describedby={hint ? 'pdf-hint' : undefined}
          onClick={() => {
            setHint(true);
            // Let the hint paint before the (blocking) print dialog opens.
            window.setTimeout(print, 50);
          }}
        >
          <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              d="M12 3v12m0 0-5-5m5 5 5-5M5 21h14"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          {pdfLabel}
        </button>
      </div>
      <p id="pdf-hint" className={`small muted ${styles.actionsHint}`} role="status">
        {hint ? pdfHint : null}
      </p>
    </div>
  );
}
