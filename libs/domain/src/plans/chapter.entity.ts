import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('chapters')
@Unique(['planId', 'number'])
export class Chapter {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'text' })
  title!: string;
}
