import { NextResponse } from 'next/server';
import { ApiProblem } from '@/lib/api/problem';
import { apiResponse } from '@/lib/api/server-api';
import { relativeRedirect } from '@/lib/relative-redirect';

/**
 * Downloads everything stored about a person (GDPR Art. 15) as a JSON file. A plain link cannot
 * carry the Authorization header, so this handler fetches it with the session's token.
 */
export async function GET(_request: Request, { params }: RouteContext<'/export/people/[personId]'>) {
  const { personId } = await params;
  try {
    const response = await apiResponse(
      `/people/${encodeURIComponent(personId)}/export`,
      { headers: { accept: 'application/json' } },
      'action',
    );
    const headers = new Headers({
      'content-type': 'application/json; charset=utf-8',
      'content-disposition':
        response.headers.get('content-disposition') ??
        `attachment; filename="resonance-person-${personId}.json"`,
      'cache-control': 'no-store',
    });
    return new NextResponse(response.body, { status: 200, headers });
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    return relativeRedirect(`/admin/people?${new URLSearchParams({ exportFailed: String(error.status) })}`);
  }
}
