import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Task } from './task.entity';
import { Organization } from '../organizations/organization.entity';

export const LEAD_UNIT_ROLES = ['lead_province', 'lead_ministry', 'participant'] as const;
export type LeadUnitRole = (typeof LEAD_UNIT_ROLES)[number];

/** 牵头 (lead) or 配合 (support: 配合 / 参与 / 协办 / 按职责分工负责 beside a lead). Both get work items. */
export const RESPONSIBILITIES = ['lead', 'support'] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

@Entity('task_lead_units')
@Check(
  'task_lead_units_responsibility_check',
  `(responsibility = ANY (ARRAY['lead'::text, 'support'::text]))`,
)
@Check(
  'task_lead_units_role_check',
  `(role = ANY (ARRAY['lead_province'::text, 'lead_ministry'::text, 'participant'::text]))`,
)
@Index('task_lead_units_organization_task_idx', ['organizationId', 'taskId'])
export class TaskLeadUnit {
  @ForeignKey(() => Task, 'id', { name: 'task_lead_units_task_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid' })
  taskId!: string;

  @ForeignKey(() => Organization, 'id', {
    name: 'task_lead_units_organization_id_fkey',
    onDelete: 'RESTRICT',
  })
  @PrimaryColumn({ type: 'uuid' })
  organizationId!: string;

  /** Which side of the plan the unit is on (province or central body); see `responsibility` for 牵头/配合. */
  @Column({ type: 'text' })
  role!: LeadUnitRole;

  @Column({ type: 'text', default: 'lead' })
  responsibility!: Responsibility;

  /** The name as the document wrote it (after normalisation), e.g. 国家发展改革委. */
  @Column({ type: 'text' })
  written!: string;

  /** True when the unit came from a "以下任务均需三省区落实" note rather than the task's own list. */
  @Column({ type: 'boolean', default: false })
  inherited!: boolean;
}
