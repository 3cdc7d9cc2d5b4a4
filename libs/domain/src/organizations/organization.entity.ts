import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const ORGANIZATION_KINDS = ['province', 'central', 'city', 'liaison_office', 'enterprise'] as const;
export type OrganizationKindValue = (typeof ORGANIZATION_KINDS)[number];

@Entity('organizations')
@Check(
  'organizations_kind_check',
  `(kind = ANY (ARRAY['province'::text, 'central'::text, 'city'::text, 'liaison_office'::text, 'enterprise'::text]))`,
)
@Unique('organizations_code_key', ['code'])
@Unique('organizations_name_key', ['name'])
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: OrganizationKindValue;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  shortNames!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  @ForeignKey(() => Organization, 'id', { name: 'organizations_parent_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  /** False for names the plan parser found that are not in the seeded dictionary. */
  @Column({ type: 'boolean', default: true })
  verified!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
