// Frozen in time: never import app code here. Lists stored as blocks instead of one row per member and per match
// edge: `list_member_blocks` holds a list's member ids sorted bytewise, 16 B each, a block a row keyed by its first
// id; `list_link_blocks` holds its match edges, 36 B each (member id | counterpart member id | counterpart index | 0 |
// the member's link count, uint16 big-endian), grouped by (counterpart index, first two bytes of the counterpart
// member id) and keyed by the first group's number. Withdrawals never rewrite a block: `list_removed_members` marks
// members gone and `list_cut_links` the edges cut. The row tables list_members / list_links are converted and left
// empty (still deleted from by older code paths, a no-op).
import { type Kysely, sql } from 'kysely';

const BLOCK = 1024;

async function createTables(db: Kysely<any>): Promise<void> {
  await sql`
    create table list_member_blocks (
      list_id uuid not null, first_id bytea not null, n integer not null, ids bytea not null,
      constraint list_member_blocks_pk primary key (list_id, first_id))`.execute(db);
  await sql`alter table list_member_blocks alter column ids set storage external`.execute(db);
  await sql`
    create table list_link_blocks (
      list_id uuid not null, first_key integer not null, n integer not null, body bytea not null,
      constraint list_link_blocks_pk primary key (list_id, first_key))`.execute(db);
  await sql`alter table list_link_blocks alter column body set storage external`.execute(db);
  await sql`
    create table list_removed_members (
      list_id uuid not null, member_id bytea not null,
      constraint list_removed_members_pk primary key (list_id, member_id))`.execute(db);
  await sql`
    create table list_cut_links (
      list_id uuid not null, member_id bytea not null, cp_index smallint not null,
      counterpart_member_id bytea not null,
      constraint list_cut_links_pk primary key (list_id, member_id, cp_index, counterpart_member_id))`.execute(
    db,
  );
}

/** Binary searches inside one block (detoasted once, on entry). */
async function createFunctions(db: Kysely<any>): Promise<void> {
  await sql`
    create function list_block_has(d bytea, n integer, id bytea) returns boolean
    language plpgsql immutable strict as $$
    declare lo integer := 0; hi integer := n - 1; mid integer; v bytea;
    begin
      d := d || ''::bytea; -- detoast once: each substring of a toasted value fetches its chunk again
      while lo <= hi loop
        mid := (lo + hi) / 2;
        v := substring(d from mid * 16 + 1 for 16);
        if v = id then return true; elsif v < id then lo := mid + 1; else hi := mid - 1; end if;
      end loop;
      return false;
    end $$`.execute(db);
  await sql`
    create function list_block_links(d bytea, n integer, c integer, cpm bytea)
    returns table (member_id bytea, links integer)
    language plpgsql immutable strict rows 2 as $$
    declare g integer := c * 65536 + get_byte(cpm, 0) * 256 + get_byte(cpm, 1);
            lo integer := 0; hi integer := n; mid integer; o integer;
    begin
      d := d || ''::bytea; -- detoast once: each get_byte of a toasted value fetches its chunk again
      while lo < hi loop
        o := ((lo + hi) / 2) * 36;
        if get_byte(d, o + 32) * 65536 + get_byte(d, o + 16) * 256 + get_byte(d, o + 17) < g
        then lo := (lo + hi) / 2 + 1; else hi := (lo + hi) / 2; end if;
      end loop;
      while lo < n loop
        o := lo * 36;
        exit when get_byte(d, o + 32) * 65536 + get_byte(d, o + 16) * 256 + get_byte(d, o + 17) <> g;
        if substring(d from o + 17 for 16) = cpm then
          member_id := substring(d from o + 1 for 16);
          links := get_byte(d, o + 34) * 256 + get_byte(d, o + 35);
          return next;
        end if;
        lo := lo + 1;
      end loop;
    end $$`.execute(db);
  await sql`
    create function list_has_member(l uuid, m bytea) returns boolean language sql stable as $$
      select exists (
        select 1 from list_member_blocks b
        where b.list_id = l
          and b.first_id = (select first_id from list_member_blocks
                            where list_id = l and first_id <= m order by first_id desc limit 1)
          and list_block_has(b.ids, b.n, m))
        and not exists (select 1 from list_removed_members r where r.list_id = l and r.member_id = m)
    $$`.execute(db);
}

/** Lists delivered before this migration, rewritten as blocks. */
async function convert(db: Kysely<any>): Promise<void> {
  await sql`
    insert into list_member_blocks (list_id, first_id, n, ids)
    select list_id, (array_agg(member_id order by member_id))[1], count(*)::int,
           string_agg(member_id, ''::bytea order by member_id)
    from (select list_id, member_id,
                 (row_number() over (partition by list_id order by member_id) - 1) / ${sql.lit(BLOCK)} as blk
          from list_members) x
    group by list_id, blk`.execute(db);
  await sql`
    with e as (
      select l.list_id, l.member_id, l.counterpart_member_id as cpm,
             (select (j.o - 1)::int from lists li,
                     jsonb_array_elements_text(li.counterpart_publication_ids) with ordinality j(v, o)
              where li.id = l.list_id and j.v = l.counterpart_publication_id::text) as c,
             count(*) over (partition by l.list_id, l.member_id) as links
      from list_links l),
    k as (select e.*, e.c * 65536 + get_byte(e.cpm, 0) * 256 + get_byte(e.cpm, 1) as key from e),
    g as (select list_id, key, count(*) as cnt from k group by list_id, key),
    s as (select list_id, key,
                 (sum(cnt) over (partition by list_id order by key) - cnt) / ${sql.lit(BLOCK)} as blk from g)
    insert into list_link_blocks (list_id, first_key, n, body)
    select k.list_id, min(k.key), count(*)::int,
           string_agg(k.member_id || k.cpm || set_byte('\\x0000'::bytea, 0, k.c)
                        || substring(int4send(least(k.links, 65535)::int4) from 3 for 2),
                      ''::bytea order by k.key, k.cpm, k.member_id)
    from k join s using (list_id, key)
    group by k.list_id, s.blk`.execute(db);
  await sql`delete from list_links`.execute(db);
  await sql`delete from list_members`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await createTables(db);
  await createFunctions(db);
  await convert(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function list_has_member(uuid, bytea)`.execute(db);
  await sql`drop function list_block_links(bytea, integer, integer, bytea)`.execute(db);
  await sql`drop function list_block_has(bytea, integer, bytea)`.execute(db);
  for (const t of ['list_cut_links', 'list_removed_members', 'list_link_blocks', 'list_member_blocks'])
    await db.schema.dropTable(t).execute();
}
