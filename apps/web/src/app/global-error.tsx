'use client';

/**
 * Last resort when even the root layout fails (so no translations are
 * available): both languages, no details.
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: 0, padding: 48, color: '#1b2330' }}>
        <main style={{ maxWidth: 520, margin: '0 auto' }}>
          <h1>Something went wrong · Da ist etwas schiefgelaufen</h1>
          <p>Please try again in a moment. · Bitte versuchen Sie es gleich noch einmal.</p>
          <button type="button" onClick={reset} style={{ padding: '8px 16px', fontSize: 16 }}>
            Try again · Erneut versuchen
          </button>
        </main>
      </body>
    </html>
  );
}
