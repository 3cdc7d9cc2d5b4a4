import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { InboxKind, INBOX_KINDS, inboxStatements } from './inbox.sql';

export interface InboxEntry {
  kind: InboxKind;
  workItemId: string;
  /** The extension, update or question the entry is about; null for an unassigned item. */
  refId: string | null;
  since: Date;
  detail: Record<string, unknown>;
  title: string;
  taskCode: string;
  planTitle: string;
  organizationName: string;
  ownerName: string | null;
  deadline: string;
}

export interface Inbox {
  items: InboxEntry[];
  counts: Record<InboxKind, number>;
}

/** 待办: what waits for the signed-in user, oldest first within each kind. */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async inbox(user: AuthUser): Promise<Inbox> {
    const results = await Promise.all(
      inboxStatements(user).map(async ({ kind, sql, values }) => {
        const rows: Omit<InboxEntry, 'kind'>[] = await this.db.query(
          `SELECT entry.*, w.title, t.code AS "taskCode", p.title AS "planTitle", o.name AS "organizationName",
                  owner.display_name AS "ownerName", w.deadline::text AS deadline
           FROM (${sql}) entry
           JOIN work_items w ON w.id = entry."workItemId" JOIN tasks t ON t.id = w.task_id
           JOIN plans p ON p.id = w.plan_id JOIN organizations o ON o.id = w.organization_id
           LEFT JOIN users owner ON owner.id = w.owner_id`,
          values,
        );
        return rows.map((row) => ({ kind, ...row }));
      }),
    );
    const counts = Object.fromEntries(INBOX_KINDS.map((kind, index) => [kind, results[index].length])) as Record<
      InboxKind,
      number
    >;
    return { items: results.flat(), counts };
  }
}
