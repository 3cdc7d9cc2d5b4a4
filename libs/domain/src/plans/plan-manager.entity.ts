import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Managers see and steer only the plans they are assigned to. */
@Entity('plan_managers')
export class PlanManager {
  @PrimaryColumn({ type: 'uuid' })
  planId!: string;

  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
