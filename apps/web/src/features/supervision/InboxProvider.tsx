import { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { InboxContext, useInbox } from './use-inbox';

/** Loads 待办 once per navigation for everything below it; `reload()` loads it again in place. */
export function InboxProvider({ children }: { children: ReactNode }) {
  const location = useLocation();
  const inbox = useInbox(location.key);
  return <InboxContext.Provider value={inbox}>{children}</InboxContext.Provider>;
}
