import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const LEAD_UNIT_ROLES = ['lead_province', 'lead_ministry', 'participant'] as const;
export type LeadUnitRole = (typeof LEAD_UNIT_ROLES)[number];

/** 牵头 (lead) or 配合 (support: 配合 / 参与 / 协办 / 按职责分工负责 beside a lead). Both get work items. */
export const RESPONSIBILITIES = ['lead', 'support'] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

@Entity('task_lead_units')
@Index(['organizationId', 'taskId'])
export class TaskLeadUnit {
  @PrimaryColumn({ type: 'uuid' })
  taskId!: string;

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
