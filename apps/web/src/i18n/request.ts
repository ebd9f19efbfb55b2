import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { env } from '@/env';
import { LOCALE_COOKIE, resolveLocale } from './locale';

export default getRequestConfig(async () => {
  const locale = resolveLocale(
    (await cookies()).get(LOCALE_COOKIE)?.value,
    (await headers()).get('accept-language'),
  );
  return {
    locale,
    messages: (await import(`../../messages/${locale}.json`)).default,
    timeZone: env().timeZone,
  };
});
