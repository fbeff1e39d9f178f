import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { UploadJournal, UploadJournalState } from './miit/client.ts';

/**
 * The MIIT client's upload journal in the platform database (one row). The client writes the pending upload before it
 * sends it, so a process that dies between the upload and the bureau's answer finds the entry on restart and asks
 * isp_querypreviousupload before sending anything: the bureau never receives the same order twice.
 */
export class DbUploadJournal implements UploadJournal {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => number,
    private readonly id = 'miit',
  ) {}

  async load(): Promise<UploadJournalState> {
    const row = await this.db.selectFrom('bureau_journal').select('state').where('id', '=', this.id).executeTakeFirst();
    return row ? (JSON.parse(row.state) as UploadJournalState) : {};
  }

  async save(state: UploadJournalState): Promise<void> {
    const value = JSON.stringify(state);
    const r = await this.db
      .updateTable('bureau_journal')
      .set({ state: value, updated_at: this.now() })
      .where('id', '=', this.id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0)
      await this.db
        .insertInto('bureau_journal')
        .values({ id: this.id, state: value, updated_at: this.now() })
        .execute();
  }
}
