import { Pool } from 'undici';

/** JSON calls to the API for building the data set (not measured, except where timed by the caller). */
export class ApiClient {
  private readonly pool: Pool;

  constructor(readonly baseUrl: string) {
    this.pool = new Pool(baseUrl, { connections: 8 });
  }

  async call<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    {
      token,
      body,
      contentType = 'application/json',
      headers = {},
      expect = [200, 201],
    }: {
      token?: string;
      body?: unknown;
      contentType?: string;
      headers?: Record<string, string>;
      expect?: number[];
    } = {},
  ): Promise<T> {
    const response = await this.pool.request({
      method,
      path,
      headers: {
        ...headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': contentType } : {}),
      },
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
      headersTimeout: 600_000,
      bodyTimeout: 600_000,
    });
    const text = await response.body.text();
    if (!expect.includes(response.statusCode)) {
      throw new Error(`${method} ${path}: ${response.statusCode} ${text.slice(0, 500)}`);
    }
    return (
      text && response.headers['content-type']?.toString().includes('json') ? JSON.parse(text) : text
    ) as T;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
