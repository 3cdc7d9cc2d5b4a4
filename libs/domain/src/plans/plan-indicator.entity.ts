import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Plan } from './plan.entity';

/** A quantitative target from the plan's goals, e.g. 集装箱吞吐量 1000 万标准箱 by 2025. */
@Entity('plan_indicators')
@Index('plan_indicators_plan_idx', ['planId'])
export class PlanIndicator {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => Plan, 'id', { name: 'plan_indicators_plan_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'numeric', nullable: true })
  value!: string | null;

  @Column({ type: 'text', nullable: true })
  unit!: string | null;

  @Column({ type: 'int', nullable: true })
  year!: number | null;

  @Column({ type: 'text', nullable: true })
  comparator!: string | null;

  @Column({ type: 'text' })
  sourceText!: string;

  @Column({ type: 'int', nullable: true })
  sourceLine!: number | null;
}
