import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * `version: true`: MikroORM adds 1 on every flush that changes the document, writes it with
 * `UPDATE … WHERE id = ? AND version = ?`, and throws `OptimisticLockError` when that changed no row. A delete
 * is soft (`deletedAt`): the row stays as a tombstone with a new version.
 */
@Entity()
export class Document {
  [OptionalProps]?: 'version' | 'updatedAt' | 'deletedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'integer', version: true })
  version!: number;

  @Property({ type: 'Date', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz(3)', nullable: true })
  deletedAt: Date | null = null;
}
