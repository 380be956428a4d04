import { PGlite } from '@electric-sql/pglite';
let t=Date.now();
const db = new PGlite();
await db.waitReady; console.log('open mem', Date.now()-t);
const r = await db.query(`select count(*) as c, now() as ts, current_date as d, 12345678901234::bigint as b, 1.50::numeric(14,2) as n, '{"b":1,"a":2}'::jsonb as j, sha256('x'::bytea) as h`);
console.log(r.rows[0], typeof r.rows[0].c, r.rows[0].ts instanceof Date);
t=Date.now(); const dump = await db.dumpDataDir('none'); console.log('dump', Date.now()-t, dump.size);
t=Date.now(); const db2 = new PGlite({loadDataDir: dump}); await db2.waitReady; console.log('load', Date.now()-t);
