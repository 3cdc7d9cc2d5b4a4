import { z } from 'zod';
import { parseSettings } from '../reminders/invalid-settings.error';

/**
 * Who decides in a plan's supervision loop. `manager`: the plan's managers (督办 office);
 * `lead_coordinator`: the coordinators of the unit that leads the item. An escalated item's
 * extension always goes to the managers, whatever the plan says.
 */
export const SUPERVISION_DECIDERS = ['manager', 'lead_coordinator'] as const;
export type SupervisionDecider = (typeof SUPERVISION_DECIDERS)[number];

export interface SupervisionPolicy {
  extensionApprover: SupervisionDecider;
  completionReviewer: SupervisionDecider;
}

export const DEFAULT_SUPERVISION_POLICY: Readonly<SupervisionPolicy> = Object.freeze({
  extensionApprover: 'manager',
  completionReviewer: 'manager',
});

export const SUPERVISION_DECIDER_LABELS: Readonly<Record<SupervisionDecider, string>> = {
  manager: '规划负责人',
  lead_coordinator: '牵头单位协调员',
};

const decider = z.enum(SUPERVISION_DECIDERS, {
  error: `must be one of ${SUPERVISION_DECIDERS.join(', ')}`,
});

/** As stored with a plan: missing fields take the default, unknown ones are refused. */
export const supervisionPolicySchema = z.strictObject({
  extensionApprover: decider.optional(),
  completionReviewer: decider.optional(),
});

export function parseSupervisionPolicy(stored: unknown): SupervisionPolicy {
  const overrides = parseSettings(supervisionPolicySchema, stored ?? {}, 'supervisionPolicy');
  return { ...DEFAULT_SUPERVISION_POLICY, ...stripUndefined(overrides) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
