'use client';

import { UnexpectedError } from '@/components/unexpected-error';

/** Inside the signed-in shell the navigation stays; only the failed page is replaced. */
export default function SignedInErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="page--narrow" style={{ margin: '0 auto' }}>
      <UnexpectedError digest={error.digest} reset={reset} />
    </div>
  );
}
