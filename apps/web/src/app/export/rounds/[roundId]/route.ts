import { NextResponse } from 'next/server';
import { ApiProblem } from '@/lib/api/problem';
import { apiResponse } from '@/lib/api/server-api';
import { relativeRedirect } from '@/lib/relative-redirect';

/**
 * Downloads a round's aggregated results as CSV. The browser cannot add the
 * Authorization header to a plain link, so this handler fetches the file with
 * the session's token and passes it through.
 */
export async function GET(_request: Request, { params }: RouteContext<'/export/rounds/[roundId]'>) {
  const { roundId } = await params;
  try {
    const response = await apiResponse(
      `/results/rounds/${encodeURIComponent(roundId)}/export.csv`,
      { headers: { accept: 'text/csv' } },
      'action',
    );
    const headers = new Headers({
      'content-type': response.headers.get('content-type') ?? 'text/csv; charset=utf-8',
      'content-disposition':
        response.headers.get('content-disposition') ??
        `attachment; filename="resonance-round-${roundId}.csv"`,
      'cache-control': 'no-store',
    });
    return new NextResponse(response.body, { status: 200, headers });
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    return relativeRedirect(
      `/admin/results?${new URLSearchParams({ round: roundId, exportFailed: String(error.status) }).toString()}`,
    );
  }
}
