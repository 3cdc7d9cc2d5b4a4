import { DEFAULT_SUPERVISION_POLICY } from '@xietong/rules';
import { AuthUser } from '../auth/auth-user';
import { openStatusSql, SqlParams } from '@xietong/db';

export const INBOX_KINDS = [
  'extension_to_decide',
  'completion_to_review',
  'sent_back',
  'unassigned',
  'question',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** Rows of one kind at most: an inbox longer than this is a list to filter, not to read. */
export const INBOX_LIMIT_PER_KIND = 200;

/**
 * One statement per kind, each answering "does this wait for this user?" with the same rules
 * the API enforces: who decides extensions and reviews completions follows the plan's
 * supervision policy (stored values over the defaults passed in), escalated extensions go to
 * managers, nobody is asked to decide their own request.
 */
export function inboxStatements(user: AuthUser): { kind: InboxKind; sql: string; values: unknown[] }[] {
  const statement = (kind: InboxKind, build: (params: SqlParams) => string) => {
    const params = new SqlParams();
    return { kind, sql: build(params), values: params.values };
  };
  const decider = (params: SqlParams, setting: 'extensionApprover' | 'completionReviewer', escalationLifts: boolean) => {
    if (user.role === 'admin') return 'true';
    if (user.role !== 'manager' && user.role !== 'coordinator') return 'false';
    // Every parameter added must appear in the text, or Postgres cannot type it.
    const named = `coalesce(p.supervision_policy->>'${setting}', ${params.add(DEFAULT_SUPERVISION_POLICY[setting])})`;
    const managerDecides = escalationLifts ? `(w.escalated_at IS NOT NULL OR ${named} = 'manager')` : `${named} = 'manager'`;
    if (user.role === 'manager') {
      return `${managerDecides} AND EXISTS (SELECT 1 FROM plan_managers pm WHERE pm.plan_id = w.plan_id AND pm.user_id = ${params.add(user.id)})`;
    }
    return `NOT ${managerDecides} AND w.organization_id = ${params.add(user.actingOrganizationId)}`;
  };
  const mine = (params: SqlParams) =>
    `(w.owner_id = ${params.add(user.id)} OR (w.owner_id IS NULL AND w.organization_id = ${params.add(user.actingOrganizationId)} AND ${params.add(user.role)} IN ('coordinator', 'liaison')))`;

  return [
    statement(
      'extension_to_decide',
      (params) => `
      SELECT w.id AS "workItemId", e.id AS "refId", e.created_at AS since,
             json_build_object('requestedDeadline', e.requested_deadline::text, 'reason', e.reason,
                               'progress', e.progress_at_request, 'requestedBy', r.display_name) AS detail
      FROM deadline_extensions e JOIN work_items w ON w.id = e.work_item_id JOIN plans p ON p.id = w.plan_id
      JOIN users r ON r.id = e.requested_by_id
      WHERE e.state = 'pending' AND e.requested_by_id <> ${params.add(user.id)}
        AND ${decider(params, 'extensionApprover', true)}
      ORDER BY e.created_at LIMIT ${INBOX_LIMIT_PER_KIND}`,
    ),
    statement(
      'completion_to_review',
      (params) => `
      SELECT w.id AS "workItemId", up.id AS "refId", w.completed_at AS since,
             json_build_object('submittedBy', a.display_name, 'text', up.text) AS detail
      FROM work_items w JOIN plans p ON p.id = w.plan_id
      JOIN LATERAL (SELECT u.id, u.author_id, u.text FROM work_item_updates u
                    WHERE u.work_item_id = w.id AND u.status_to = 'done' ORDER BY u.created_at DESC LIMIT 1) up ON true
      JOIN users a ON a.id = up.author_id
      WHERE w.review_state = 'pending' AND up.author_id <> ${params.add(user.id)}
        AND ${decider(params, 'completionReviewer', false)}
      ORDER BY w.completed_at LIMIT ${INBOX_LIMIT_PER_KIND}`,
    ),
    statement(
      'sent_back',
      (params) => `
      SELECT w.id AS "workItemId", up.id AS "refId", up.created_at AS since,
             json_build_object('reason', up.text, 'sentBackBy', a.display_name) AS detail
      FROM work_items w
      JOIN LATERAL (SELECT u.id, u.kind, u.text, u.author_id, u.created_at FROM work_item_updates u
                    WHERE u.work_item_id = w.id ORDER BY u.created_at DESC LIMIT 1) up ON up.kind = 'send_back'
      JOIN users a ON a.id = up.author_id
      WHERE ${openStatusSql('w.status')} AND ${mine(params)}
      ORDER BY up.created_at LIMIT ${INBOX_LIMIT_PER_KIND}`,
    ),
    statement('unassigned', (params) =>
      user.role === 'coordinator' || user.role === 'admin'
        ? `
      SELECT w.id AS "workItemId", NULL::uuid AS "refId", w.created_at AS since, '{}'::json AS detail
      FROM work_items w
      WHERE w.owner_id IS NULL AND w.parent_id IS NULL AND ${openStatusSql('w.status')}
        AND w.organization_id = ${params.add(user.actingOrganizationId)}
      ORDER BY w.deadline, w.id LIMIT ${INBOX_LIMIT_PER_KIND}`
        : `SELECT NULL::uuid AS "workItemId", NULL::uuid AS "refId", NULL::timestamptz AS since, NULL::json AS detail WHERE false`,
    ),
    // A question waits until the addressed unit posts on its own item of the same task.
    statement(
      'question',
      (params) => `
      SELECT mine.id AS "workItemId", q.id AS "refId", q.created_at AS since,
             json_build_object('text', q.text, 'askedBy', a.display_name, 'askedByOrganization', o.name,
                               'askedOnItemId', q.work_item_id) AS detail
      FROM work_item_updates q
      JOIN work_items mine ON mine.task_id = q.task_id AND mine.parent_id IS NULL AND mine.organization_id = q.addressed_organization_id
      JOIN users a ON a.id = q.author_id JOIN organizations o ON o.id = q.organization_id
      WHERE q.addressed_organization_id = ${params.add(user.actingOrganizationId)}
        AND ${params.add(user.role)} IN ('coordinator', 'liaison', 'admin')
        AND NOT EXISTS (SELECT 1 FROM work_item_updates answer
                        WHERE answer.work_item_id = mine.id AND answer.created_at > q.created_at)
      ORDER BY q.created_at LIMIT ${INBOX_LIMIT_PER_KIND}`,
    ),
  ];
}
