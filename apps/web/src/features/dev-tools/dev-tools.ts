import { env } from '@/env';

let probed: { enabled: boolean; at: number } | undefined;
const PROBE_TTL_MS = 60_000;

/**
 * The email outbox viewer and the demo hint are for development and test
 * setups only. SHOW_DEV_TOOLS decides when set; otherwise they appear exactly
 * when the API offers its development outbox (it answers 401, not 404, to an
 * anonymous probe).
 */
export async function devToolsEnabled(): Promise<boolean> {
  const configured = env().showDevTools;
  if (configured !== undefined) return configured;
  if (probed && Date.now() - probed.at < PROBE_TTL_MS) return probed.enabled;
  let enabled = false;
  try {
    const response = await fetch(`${env().apiUrl}/api/v1/dev/outbox?limit=1`, { cache: 'no-store' });
    enabled = response.status !== 404;
  } catch {
    enabled = false;
  }
  probed = { enabled, at: Date.now() };
  return enabled;
}
