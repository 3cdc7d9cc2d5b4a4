import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANIZATION_KINDS = ['province', 'central', 'city', 'liaison_office', 'enterprise'] as const;
export type OrganizationKindValue = (typeof ORGANIZATION_KINDS)[number];

@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  code!: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrganizationKindValue;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  shortNames!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'SET NULL' })
  parent?: Organization | null;

  /** False for names the plan parser found that are not in the seeded dictionary. */
  @Column({ type: 'boolean', default: true })
  verified!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
