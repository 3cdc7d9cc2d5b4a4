import { createContext, useContext } from 'react';
import { api } from '../../api/client';
import { Inbox } from '../../api/types';
import { ApiState, useApi } from '../../api/use-api';

/** The signed-in user's 待办, reloaded whenever `refreshKey` (e.g. the route) changes. */
export function useInbox(refreshKey: unknown) {
  return useApi((signal) => api<Inbox>('/api/inbox', { signal }), [refreshKey]);
}

export function inboxTotal(inbox: Inbox | undefined): number {
  return inbox ? Object.values(inbox.counts).reduce((sum, count) => sum + count, 0) : 0;
}

/** One 待办 for the header badge, my work and the 待办 page, so a reload shows everywhere at once. */
export const InboxContext = createContext<ApiState<Inbox> | null>(null);

/**
 * The shared 待办 (see InboxProvider). Screens call `reload()` after an act that can change what
 * waits (a decision, an update, an assignment), so the counts follow without a navigation.
 */
export function useSharedInbox(): ApiState<Inbox> {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useSharedInbox needs an InboxProvider above it (AppLayout has one)');
  return inbox;
}
