import { openDatabase } from '/work/main/src/platform/db/database.ts';
import { migrateToLatest } from '/work/main/src/platform/db/migrate.ts';
import { sql } from '/work/main/node_modules/kysely/dist/esm/index.js';
const d = openDatabase(':memory:'); await migrateToLatest(d);
const q = d.db.selectFrom('websites').innerJoin('subjects','subjects.id','websites.subject_id').select(['websites.id as website_id','websites.name as website_name','websites.filing_number as website_number','websites.approved_on','subjects.name as subject_name','subjects.subject_type','subjects.filing_number as subject_number']).where('websites.status','in',['FILED','SHELL']).where('subjects.status','=','FILED').innerJoin('domains','domains.website_id','websites.id').where('domains.domain','=','x').where('domains.status','=','FILED').limit(1).compile();
console.log(q.sql, q.parameters);
const r = await sql.raw(`explain query plan ${q.sql.replace(/\?/g, "'FILED'")}`).execute(d.db);
console.log(r.rows);
