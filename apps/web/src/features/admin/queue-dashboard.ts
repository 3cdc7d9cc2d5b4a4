import { api } from '../../api/client';

/** The menu key of the queue dashboard: a page the api serves, not a route of this app. */
export const QUEUE_DASHBOARD_KEY = 'queue-dashboard';

/**
 * bull-board is a page of its own and a page load sends no bearer token: ask for the pass cookie
 * for this session first, then go there.
 */
export async function openQueueDashboard(): Promise<void> {
  const { url } = await api<{ url: string }>('/api/admin/queue-dashboard/pass', { method: 'POST' });
  window.location.assign(url);
}
