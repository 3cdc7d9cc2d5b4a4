import type { ReviewState } from '../supervision/completion-review';
import type { UserRole } from '../users/user-vocabulary';
import { isOpenWorkItemStatus, WorkItemStatus } from './work-item-status';

/** Chinese labels used in the reasons people read. */
export const WORK_ITEM_STATUS_LABELS: Readonly<Record<WorkItemStatus, string>> = {
  not_started: '未开始',
  in_progress: '推进中',
  blocked: '受阻',
  done: '已完成',
  cancelled: '已取消',
};

export interface WorkItemState {
  status: WorkItemStatus;
  /** 0–100 */
  progress: number;
  /** Set on a done top-level item: waiting for the reviewer, or accepted (销号). */
  reviewState?: ReviewState | null;
  /** Milestones (sub-items) close without review; their parent is what gets reviewed. */
  parentId?: string | null;
}

export interface NextWorkItemState {
  status: WorkItemStatus;
  progress: number;
  reviewState: ReviewState | null;
}

export interface RequestedWorkItemChange {
  status?: WorkItemStatus;
  progress?: number;
  /** The change arrives with a 进展反馈 saying what was achieved; finishing needs one. */
  withFinalUpdate: boolean;
  /** Files (佐证材料) come with that update; finishing a top-level item needs them. */
  withEvidence?: boolean;
  actorRole: UserRole;
}

export type WorkItemChangeOutcome =
  { allowed: true; next: NextWorkItemState } | { allowed: false; reason: string };

const NEXT_STATUSES: Readonly<Record<WorkItemStatus, readonly WorkItemStatus[]>> = {
  not_started: ['in_progress', 'blocked', 'done', 'cancelled'],
  in_progress: ['blocked', 'done', 'cancelled'],
  blocked: ['in_progress', 'done', 'cancelled'],
  done: ['in_progress'],
  cancelled: ['not_started', 'in_progress'],
};

const ROLES_THAT_MAY_REOPEN: readonly UserRole[] = ['coordinator', 'admin'];

const refuse = (reason: string): WorkItemChangeOutcome => ({ allowed: false, reason });

/**
 * The work-item status machine. Reporting progress on an item that has not started starts it;
 * finishing needs progress 100 and a final update; reopening a finished or cancelled item is a
 * coordinator's act (退回), because it undoes what another unit already reported as closed.
 */
export function nextWorkItemState(
  current: WorkItemState,
  requested: RequestedWorkItemChange,
): WorkItemChangeOutcome {
  const progress = requested.progress ?? current.progress;
  const startsByReporting = current.status === 'not_started' && progress > 0;
  const status = requested.status ?? (startsByReporting ? 'in_progress' : current.status);
  const reviewState = current.reviewState ?? null;
  const allow = (next: WorkItemStatus): WorkItemChangeOutcome => ({
    allowed: true,
    next: {
      status: next,
      progress,
      reviewState: next !== 'done' ? null : next === current.status ? reviewState : current.parentId ? null : 'pending',
    },
  });

  const moves = status !== current.status || progress !== current.progress;
  if (reviewState === 'accepted' && moves && requested.actorRole !== 'admin') {
    return refuse('事项已销号，不能再修改状态或进度；如确需重新办理，请联系管理员。');
  }
  if (reviewState === 'pending' && moves && requested.actorRole !== 'admin') {
    return refuse('事项正在等待审核（待审核），由审核人销号或退回；审核前不能修改状态或进度。');
  }

  if (status === current.status) {
    if (status === 'done' && progress !== 100) {
      return refuse('已完成的事项进度须为 100%；如需调整进度，请协调员先将其退回。');
    }
    if (status === 'cancelled' && progress !== current.progress) {
      return refuse('已取消的事项不能再更新进度；如需继续推进，请协调员先重新打开。');
    }
    return allow(status);
  }

  const from = WORK_ITEM_STATUS_LABELS[current.status];
  const to = WORK_ITEM_STATUS_LABELS[status];
  if (!NEXT_STATUSES[current.status].includes(status)) {
    const allowed = NEXT_STATUSES[current.status].map((next) => `“${WORK_ITEM_STATUS_LABELS[next]}”`);
    return refuse(`状态不能从“${from}”改为“${to}”；“${from}”只能改为 ${allowed.join('、')}。`);
  }
  if (!isOpenWorkItemStatus(current.status) && !ROLES_THAT_MAY_REOPEN.includes(requested.actorRole)) {
    return refuse(`重新打开“${from}”的事项须由协调员操作。`);
  }
  if (status === 'done') {
    if (progress !== 100) return refuse(`标记为“${to}”前进度须为 100%（现为 ${progress}%）。`);
    if (!requested.withFinalUpdate) {
      return refuse(
        '标记为“已完成”须附最终进展反馈：请通过 POST /api/work-items/:id/updates 提交 status 为 "done"、progress 为 100 的反馈，说明完成情况，并附佐证材料（files）。',
      );
    }
    if (!current.parentId && !requested.withEvidence) {
      return refuse(
        '标记为“已完成”须附佐证材料：请在最终进展反馈中上传至少一份文件（files），如验收报告、批复文件或现场照片。Marking done needs evidence files with the final update.',
      );
    }
  }
  return allow(status);
}
