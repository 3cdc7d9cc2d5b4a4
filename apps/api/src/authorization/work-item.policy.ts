import { SUPERVISION_DECIDER_LABELS, SupervisionPolicy, UserRole } from '@xietong/rules';

/** Everything a user may try to do to a work item; each PATCH field maps to one of these. */
export type WorkItemAction =
  | 'view'
  | 'assign_owner'
  | 'set_deadline'
  | 'set_status'
  | 'set_priority'
  | 'report_progress'
  | 'add_sub_item'
  | 'post_update'
  | 'request_extension'
  | 'decide_extension'
  | 'review_completion';

const ACTION_LABELS: Readonly<Record<WorkItemAction, string>> = {
  view: '查看',
  assign_owner: '指定负责人',
  set_deadline: '调整截止日期',
  set_status: '修改状态',
  set_priority: '调整优先级',
  report_progress: '更新进度',
  add_sub_item: '添加子事项',
  post_update: '发布进展反馈',
  request_extension: '申请延期',
  decide_extension: '审批延期',
  review_completion: '审核销号或退回',
};

/** DESIGN.md "Who may do what", for the organization's own items (admins may do everything). */
const OWN_ORGANIZATION_ACTIONS: Readonly<
  Record<'coordinator' | 'liaison' | 'viewer', readonly WorkItemAction[]>
> = {
  coordinator: [
    'view',
    'assign_owner',
    'set_deadline',
    'set_status',
    'set_priority',
    'report_progress',
    'add_sub_item',
    'post_update',
    'request_extension',
    'decide_extension',
    'review_completion',
  ],
  liaison: ['view', 'report_progress', 'post_update', 'request_extension'],
  viewer: ['view'],
};

/** A manager steers the plans they manage: assignments, and the decisions the plan's policy gives them. */
const MANAGER_ACTIONS: readonly WorkItemAction[] = [
  'view',
  'assign_owner',
  'set_deadline',
  'decide_extension',
  'review_completion',
];

export interface WorkItemPolicyInput {
  user: { id: string; role: UserRole; actingOrganizationId: string };
  /** Whether the item lies in the user's list scope (PolicyService computes it with the same SQL as lists). */
  visible: boolean;
  item: { organizationId: string; organizationName: string; escalated: boolean };
  /** Who decides extensions and reviews completions in this plan. */
  supervision: SupervisionPolicy;
  /** For extension and review decisions: who asked (nobody decides their own request). */
  requestedById?: string;
  /** Why the item is not visible, worded for this user; only read when `visible` is false. */
  invisibleReason: string;
}

/** Null when allowed, otherwise the reason a person reads in the 403. */
export function workItemRefusal(action: WorkItemAction, input: WorkItemPolicyInput): string | null {
  const { user, item } = input;
  if (user.role === 'admin') return null;
  if (!input.visible) return input.invisibleReason;
  const label = ACTION_LABELS[action];
  const owner = item.organizationName;

  if (action === 'decide_extension' && input.requestedById === user.id) {
    return '不能审批自己提交的延期申请，请由规划指定的其他审批人审批。';
  }
  if (action === 'review_completion' && input.requestedById === user.id) {
    return '不能审核自己提交的完成情况，请由规划指定的其他审核人销号或退回。';
  }
  const decider = deciderFor(action, input);
  if (user.role === 'manager') {
    if (!MANAGER_ACTIONS.includes(action)) {
      return `规划负责人可以调整负责人和截止日期、审批延期和审核销号；${label}由${owner}的协调员负责。`;
    }
    if (decider === 'lead_coordinator') {
      return `按本规划的设置，${label}由${owner}的协调员（${SUPERVISION_DECIDER_LABELS.lead_coordinator}）负责。`;
    }
    return null;
  }

  const allowed = OWN_ORGANIZATION_ACTIONS[user.role];
  if (item.organizationId !== user.actingOrganizationId) {
    if (action === 'view') return null;
    const who = OWN_ORGANIZATION_ACTIONS.liaison.includes(action) ? '协调员或联络员' : '协调员';
    return `${owner}的事项只能由${owner}的${who}${label}。`;
  }
  if (!allowed.includes(action)) {
    return user.role === 'viewer'
      ? '查看者只能查看事项，不能修改。'
      : `联络员可以发布进展反馈、更新进度和申请延期；${label}由${owner}的协调员负责。`;
  }
  if (decider === 'manager') {
    return action === 'decide_extension' && item.escalated
      ? '该事项已督办，延期须由规划负责人审批。'
      : `按本规划的设置，${label}由规划负责人负责。`;
  }
  return null;
}

/** For the two decisions of the loop, who the plan names; escalation always lifts extensions to managers. */
function deciderFor(action: WorkItemAction, input: WorkItemPolicyInput) {
  if (action === 'decide_extension') {
    return input.item.escalated ? 'manager' : input.supervision.extensionApprover;
  }
  if (action === 'review_completion') return input.supervision.completionReviewer;
  return null;
}
