'use client';

import { UnexpectedError } from '@/components/unexpected-error';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="page page--narrow">
      <UnexpectedError digest={error.digest} reset={reset} />
    </main>
  );
}
