import type {
  ImportPeopleResponse,
  ListPeopleResponse,
  MeResponse,
  OpenRoundResponse,
  OutboxListResponse,
  RoundSummary,
  Session,
  Survey,
  SurveyResponseRequest,
} from '@resonance/contracts';

/**
 * A small HTTP client for the real API, used by the end-to-end tests to
 * prepare data and to read what a browser cannot (e.g. invitation links in
 * the development outbox).
 */
export class E2eApi {
  private accessToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; contentType?: string } = {},
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.accessToken && !headers['x-invite-token']) headers.authorization = `Bearer ${this.accessToken}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async ok<T>(method: string, path: string, options: Parameters<E2eApi['request']>[2] = {}): Promise<T> {
    const { status, body } = await this.request<T>(method, path, options);
    if (status >= 300) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  }

  async login(email: string, password: string): Promise<Session> {
    const session = await this.ok<Session>('POST', '/auth/login', { body: { email, password } });
    this.accessToken = session.accessToken;
    return session;
  }

  async signup(organisationName: string, name: string, email: string, password: string): Promise<Session> {
    const session = await this.ok<Session>('POST', '/auth/signup', {
      body: { organisationName, name, email, password, locale: 'en' },
    });
    this.accessToken = session.accessToken;
    return session;
  }

  me() {
    return this.ok<MeResponse>('GET', '/me');
  }

  importCsv(csv: string, dryRun = false) {
    return this.ok<ImportPeopleResponse>('POST', `/people/import?dryRun=${dryRun}`, {
      body: csv,
      contentType: 'text/csv',
    });
  }

  people(query = '') {
    return this.ok<ListPeopleResponse>('GET', `/people?pageSize=200${query}`);
  }

  rounds() {
    return this.ok<{ items: RoundSummary[] }>('GET', '/rounds');
  }

  outbox() {
    return this.ok<OutboxListResponse>('GET', '/dev/outbox?limit=500');
  }

  /** Opens a round and waits until the API's mail queue has put its invitations into the outbox. */
  async openRound(roundId: string, timeoutMs = 30_000): Promise<OpenRoundResponse> {
    const opened = await this.ok<OpenRoundResponse>('POST', `/rounds/${roundId}/open`);
    const deadline = Date.now() + timeoutMs;
    while ((await this.outbox()).queue.pending > 0) {
      if (Date.now() > deadline) throw new Error(`round ${roundId}: invitation emails still queued`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return opened;
  }

  survey(token: string) {
    return this.request<Survey>('GET', '/survey?locale=en', { headers: { 'x-invite-token': token } });
  }

  submitSurvey(token: string, body: SurveyResponseRequest) {
    return this.request('POST', '/survey/response', { body, headers: { 'x-invite-token': token } });
  }
}

/** The invitation token of a survey link (`…/survey#t=<token>`) in an email text. */
export function tokenInEmail(text: string): string | undefined {
  return /\/survey#t=([A-Za-z0-9_\-.~%]+)/.exec(text)?.[1];
}

/** The password-setup token of a `…/set-password#t=<token>` link. */
export function setupTokenInEmail(text: string): string | undefined {
  return /\/set-password#t=([A-Za-z0-9_\-.~%]+)/.exec(text)?.[1];
}
