/**
 * Settings: single sign-on (OIDC), e-mail (SMTP), webhooks with their deliveries, and the
 * rate limits the server enforces. One tab each; the tab is in the URL (`?tab=webhooks`), so a tab
 * is a link to share.
 */
import { useSearchParams } from 'react-router';
import { useSignedIn } from '../../auth/session.tsx';
import { RateLimitsPanel } from './rate-limits-panel.tsx';
import { SmtpPanel } from './smtp-panel.tsx';
import { SsoPanel } from './sso-panel.tsx';
import { WebhooksPanel } from './webhooks-panel.tsx';

const TABS = [
  { id: 'sso', label: 'Single sign-on' },
  { id: 'email', label: 'E-mail' },
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'rate-limits', label: 'Rate limits' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function SettingsPage() {
  const { orgId } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const tab: TabId = TABS.find((t) => t.id === params.get('tab'))?.id ?? 'sso';
  return (
    <>
      <h1>Settings</h1>
      <div className="tabs" role="tablist" aria-label="Settings">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} onClick={() => setParams({ tab: t.id }, { replace: true })}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'sso' && <SsoPanel orgId={orgId} />}
        {tab === 'email' && <SmtpPanel orgId={orgId} />}
        {tab === 'webhooks' && <WebhooksPanel orgId={orgId} />}
        {tab === 'rate-limits' && <RateLimitsPanel orgId={orgId} />}
      </div>
    </>
  );
}
