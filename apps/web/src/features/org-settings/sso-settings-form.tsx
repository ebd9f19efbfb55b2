'use client';

import type { OrgSso, Problem, UpdateOrgSsoRequest } from '@resonance/contracts';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ProblemCallout } from '@/components/problem-callout';
import { removeSso, saveSso } from './sso-actions';

/** Domains as typed: separated by commas, spaces or lines. */
function domainList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * The organisation's identity provider (OpenID Connect). The API checks the issuer by discovery
 * when saving; the client secret is write-only (left empty, the stored one stays).
 */
export function SsoSettingsForm({ sso }: { sso: OrgSso }) {
  const t = useTranslations('settings.sso');
  const provider = sso.provider;
  const [issuerUrl, setIssuerUrl] = useState(provider?.issuerUrl ?? '');
  const [clientId, setClientId] = useState(provider?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState(provider?.allowedDomains.join(', ') ?? '');
  const [enabled, setEnabled] = useState(provider?.enabled ?? true);
  const [ssoOnly, setSsoOnly] = useState(provider?.ssoOnly ?? false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<'saved' | 'removed' | null>(null);
  const [pending, startTransition] = useTransition();
  const changed = () => setNotice(null);

  return (
    <section className="card stack" aria-labelledby="sso-settings-heading">
      <div className="stack stack--sm">
        <h2 id="sso-settings-heading">{t('title')}</h2>
        <p className="field__hint">{t('lead')}</p>
      </div>
      <div className="field">
        <p className="field__label">{t('redirectUri')}</p>
        <code style={{ overflowWrap: 'anywhere' }}>{sso.redirectUri}</code>
        <p className="field__hint">{t('redirectUriHint', { scopes: sso.scopes })}</p>
      </div>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          const input: UpdateOrgSsoRequest = {
            issuerUrl: issuerUrl.trim(),
            clientId: clientId.trim(),
            allowedDomains: domainList(domains),
            enabled,
            ssoOnly: enabled && ssoOnly,
            ...(clientSecret ? { clientSecret } : {}),
          };
          startTransition(async () => {
            const result = await saveSso(input);
            if (result.ok) {
              setProblem(null);
              setClientSecret('');
              setNotice('saved');
            } else {
              setProblem(result.problem);
              setNotice(null);
            }
          });
        }}
      >
        {problem && <ProblemCallout problem={problem} />}
        {notice && (
          <p className="callout callout--success" role="status">
            {t(notice)}
          </p>
        )}
        <div className="field">
          <label className="field__label" htmlFor="sso-issuer">
            {t('issuerUrl')}
          </label>
          <input
            id="sso-issuer"
            className="input"
            type="url"
            inputMode="url"
            required
            maxLength={500}
            placeholder="https://login.example.com/realms/staff"
            value={issuerUrl}
            aria-describedby="sso-issuer-hint"
            onChange={(event) => {
              setIssuerUrl(event.target.value);
              changed();
            }}
          />
          <p className="field__hint" id="sso-issuer-hint">
            {t('issuerUrlHint')}
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="sso-client-id">
            {t('clientId')}
          </label>
          <input
            id="sso-client-id"
            className="input"
            required
            maxLength={255}
            autoComplete="off"
            value={clientId}
            onChange={(event) => {
              setClientId(event.target.value);
              changed();
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="sso-client-secret">
            {t('clientSecret')}
          </label>
          <input
            id="sso-client-secret"
            className="input"
            type="password"
            autoComplete="new-password"
            maxLength={1024}
            value={clientSecret}
            aria-describedby="sso-client-secret-hint"
            onChange={(event) => {
              setClientSecret(event.target.value);
              changed();
            }}
          />
          <p className="field__hint" id="sso-client-secret-hint">
            {provider?.hasClientSecret ? t('clientSecretStored') : t('clientSecretHint')}
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="sso-domains">
            {t('allowedDomains')}
          </label>
          <input
            id="sso-domains"
            className="input"
            required
            placeholder="example.com, example.de"
            value={domains}
            aria-describedby="sso-domains-hint"
            onChange={(event) => {
              setDomains(event.target.value);
              changed();
            }}
          />
          <p className="field__hint" id="sso-domains-hint">
            {t('allowedDomainsHint')}
          </p>
        </div>
        <div className="field">
          <label className="checkbox-row" htmlFor="sso-enabled">
            <input
              id="sso-enabled"
              type="checkbox"
              checked={enabled}
              onChange={(event) => {
                setEnabled(event.target.checked);
                changed();
              }}
            />
            <span className="field__label">{t('enabled')}</span>
          </label>
        </div>
        <div className="field">
          <label className="checkbox-row" htmlFor="sso-only">
            <input
              id="sso-only"
              type="checkbox"
              checked={enabled && ssoOnly}
              disabled={!enabled}
              aria-describedby="sso-only-warning"
              onChange={(event) => {
                setSsoOnly(event.target.checked);
                changed();
              }}
            />
            <span className="field__label">{t('ssoOnly')}</span>
          </label>
          <p className="callout callout--warning field__hint" id="sso-only-warning">
            {t('ssoOnlyWarning')}
          </p>
        </div>
        <div className="cluster" style={{ justifyContent: 'flex-end' }}>
          {provider && (
            <ConfirmButton
              label={t('remove')}
              title={t('removeTitle')}
              body={t('removeBody')}
              confirmLabel={t('remove')}
              tone="danger"
              disabled={pending}
              onConfirm={async () => {
                const result = await removeSso();
                if (result.ok) {
                  setProblem(null);
                  setNotice('removed');
                } else setProblem(result.problem);
              }}
            />
          )}
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? t('checking') : t('save')}
          </button>
        </div>
      </form>
    </section>
  );
}
