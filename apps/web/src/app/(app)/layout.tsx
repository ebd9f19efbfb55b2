import type { ReactNode } from 'react';
import { getMe } from '@/features/session/me';
import { AppHeader } from '@/features/shell/app-header';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const me = await getMe();
  return (
    <>
      <AppHeader me={me} />
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
