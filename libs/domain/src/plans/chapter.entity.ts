import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Plan } from './plan.entity';

@Entity('chapters')
@Check('chapters_number_check', `(number > 0)`)
@Unique('chapters_plan_id_number_key', ['planId', 'number'])
export class Chapter {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => Plan, 'id', { name: 'chapters_plan_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'text' })
  title!: string;
}
