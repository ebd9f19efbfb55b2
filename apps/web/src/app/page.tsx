import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getMe } from '@/features/session/me';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '@/lib/session/cookies';

/** The front door: admins to the console, leaders to their dashboard, everyone else to the login. */
export default async function Home() {
  const jar = await cookies();
  if (!jar.get(ACCESS_COOKIE) && !jar.get(REFRESH_COOKIE)) redirect('/login');
  const me = await getMe();
  redirect(me.role === 'admin' ? '/admin' : '/dashboard');
}
