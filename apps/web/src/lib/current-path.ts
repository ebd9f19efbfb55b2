import { headers } from 'next/headers';
import { PATH_HEADER, safeNextPath } from './request-path';

/** The path and query of the page being rendered, as recorded by the proxy. */
export async function currentPath(): Promise<string> {
  return safeNextPath((await headers()).get(PATH_HEADER));
}
