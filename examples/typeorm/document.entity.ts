import { Column, DeleteDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * `@VersionColumn()`: TypeORM adds 1 on every write it makes (`save()`, `update()`, `softDelete()`), and the
 * version is the tag. `@DeleteDateColumn()`: a delete is soft, so the row stays as a tombstone with a new version
 * (see the list's validators in typeorm-documents.store.ts); `find*()` leaves tombstones out.
 */
@Entity()
export class Document {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text' })
  title!: string;

  @VersionColumn()
  version!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
