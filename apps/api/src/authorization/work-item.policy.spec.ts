import { DEFAULT_SUPERVISION_POLICY, SupervisionPolicy, UserRole } from '@xietong/rules';
import { WorkItemAction, workItemRefusal, WorkItemPolicyInput } from './work-item.policy';

const GUANGXI = 'org-gx';
const GUANGDONG = 'org-gd';

function input(role: UserRole, overrides: Partial<WorkItemPolicyInput> = {}): WorkItemPolicyInput {
  return {
    user: { id: 'user-1', role, actingOrganizationId: GUANGXI },
    visible: true,
    item: { organizationId: GUANGXI, organizationName: '广西壮族自治区', escalated: false },
    invisibleReason: '广西壮族自治区不是任务（五）「强化空间分区管控」的牵头单位，看不到它的事项。',
    supervision: DEFAULT_SUPERVISION_POLICY,
    ...overrides,
  };
}

const guangdongItem = { organizationId: GUANGDONG, organizationName: '广东省', escalated: false };

describe(workItemRefusal.name, () => {
  const everyAction: WorkItemAction[] = [
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
  ];

  const coordinatorsDecide: SupervisionPolicy = {
    extensionApprover: 'lead_coordinator',
    completionReviewer: 'lead_coordinator',
  };
  const decisions: WorkItemAction[] = ['decide_extension', 'review_completion'];
  const withoutDecisions = everyAction.filter((action) => !decisions.includes(action));

  // role → actions allowed on the acting organization's own, visible, non-escalated item (default policy: managers decide)
  const allowedOnOwnItem: Record<UserRole, WorkItemAction[]> = {
    admin: everyAction,
    coordinator: withoutDecisions,
    liaison: ['view', 'report_progress', 'post_update', 'request_extension'],
    viewer: ['view'],
    manager: ['view', 'assign_owner', 'set_deadline', ...decisions],
  };

  describe.each(Object.entries(allowedOnOwnItem))('a %s', (role, allowed) => {
    it.each(everyAction)('on an item in their scope: %s', (action) => {
      const refusal = workItemRefusal(action, input(role as UserRole));
      if (allowed.includes(action)) expect(refusal).toBeNull();
      else expect(refusal).toEqual(expect.any(String));
    });
  });

  it('shows other lead units’ items but changes none of them', () => {
    expect(workItemRefusal('view', input('coordinator', { item: guangdongItem }))).toBeNull();
    expect(workItemRefusal('set_status', input('coordinator', { item: guangdongItem }))).toBe(
      '广东省的事项只能由广东省的协调员修改状态。',
    );
    expect(workItemRefusal('post_update', input('liaison', { item: guangdongItem }))).toBe(
      '广东省的事项只能由广东省的协调员或联络员发布进展反馈。',
    );
  });

  it('explains invisibility with the reason it was given, for every role but admin', () => {
    for (const role of ['coordinator', 'liaison', 'viewer', 'manager'] as const) {
      expect(workItemRefusal('view', input(role, { visible: false }))).toMatch(/不是任务/);
    }
    expect(workItemRefusal('review_completion', input('admin', { visible: false }))).toBeNull();
  });

  it('gives the decisions to whoever the plan names, and escalated extensions always to the manager', () => {
    const named = { supervision: coordinatorsDecide };
    for (const action of decisions) {
      expect(workItemRefusal(action, input('coordinator', named))).toBeNull();
      expect(workItemRefusal(action, input('manager', named))).toMatch(/按本规划的设置.*协调员/);
      expect(workItemRefusal(action, input('coordinator'))).toMatch(/按本规划的设置.*规划负责人/);
    }
    const escalated = { organizationId: GUANGXI, organizationName: '广西壮族自治区', escalated: true };
    expect(workItemRefusal('decide_extension', input('coordinator', { ...named, item: escalated }))).toMatch(
      /已督办.*规划负责人审批/,
    );
    expect(workItemRefusal('decide_extension', input('manager', { ...named, item: escalated }))).toBeNull();
  });

  it('never lets anyone but an admin decide their own request or review their own completion', () => {
    const named = { supervision: coordinatorsDecide };
    expect(workItemRefusal('decide_extension', input('manager', { requestedById: 'user-1' }))).toMatch(
      /不能审批自己/,
    );
    expect(workItemRefusal('review_completion', input('coordinator', { ...named, requestedById: 'user-1' }))).toMatch(
      /不能审核自己/,
    );
    expect(workItemRefusal('decide_extension', input('manager', { requestedById: 'user-2' }))).toBeNull();
    expect(workItemRefusal('decide_extension', input('admin', { requestedById: 'user-1' }))).toBeNull();
  });

  it('tells a liaison which acts are a coordinator’s', () => {
    expect(workItemRefusal('assign_owner', input('liaison'))).toBe(
      '联络员可以发布进展反馈、更新进度和申请延期；指定负责人由广西壮族自治区的协调员负责。',
    );
    expect(workItemRefusal('report_progress', input('viewer'))).toBe('查看者只能查看事项，不能修改。');
  });
});
