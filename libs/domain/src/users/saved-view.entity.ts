import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from './user.entity';

/** A person's named list view: the screen's path and its URL query (filters, search, sort). */
@Entity('saved_views')
@Check('saved_views_name_check', `((char_length(name) >= 1) AND (char_length(name) <= 40))`)
@Check('saved_views_path_check', `((char_length(path) >= 1) AND (char_length(path) <= 200))`)
@Check('saved_views_query_check', `(char_length(query) <= 2000)`)
@Index('saved_views_user_name_uq', ['userId', 'name'], { unique: true })
export class SavedView {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => User, 'id', { name: 'saved_views_user_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'text' })
  query!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
