import { api } from '../../api/client';
import { Inbox } from '../../api/types';
import { useApi } from '../../api/use-api';

/** The signed-in user's 待办, reloaded whenever `refreshKey` (e.g. the route) changes. */
export function useInbox(refreshKey: unknown) {
  return useApi((signal) => api<Inbox>('/api/inbox', { signal }), [refreshKey]);
}

export function inboxTotal(inbox: Inbox | undefined): number {
  return inbox ? Object.values(inbox.counts).reduce((sum, count) => sum + count, 0) : 0;
}
