import { CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Plan } from './plan.entity';

/** Managers see and steer only the plans they are assigned to. */
@Entity('plan_managers')
@Index('plan_managers_user_idx', ['userId'])
export class PlanManager {
  @ForeignKey(() => Plan, 'id', { name: 'plan_managers_plan_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid' })
  planId!: string;

  @ForeignKey(() => User, 'id', { name: 'plan_managers_user_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
