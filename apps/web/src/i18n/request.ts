import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { displayTimeZone } from '@/features/session/me';
import { LOCALE_COOKIE, resolveLocale } from './locale';

export default getRequestConfig(async () => {
  const locale = resolveLocale(
    (await cookies()).get(LOCALE_COOKIE)?.value,
    (await headers()).get('accept-language'),
  );
  return {
    locale,
    messages: (await import(`../../messages/${locale}.json`)).default,
    // One zone on every page, the organisation's, so server and browser render the same text.
    timeZone: await displayTimeZone(),
  };
});
