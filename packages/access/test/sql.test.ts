import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type AppRule, abilityFromRules, defineAbilityFor } from '../src/abilities.ts';
import { abilityWhere } from '../src/sql.ts';

interface DB {
  follow_ups: { id: string; owner_id: string | null; status: string };
}

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const columns = { ownerId: 'f.owner_id', status: 'f.status' };

function compile(where: ReturnType<typeof abilityWhere>) {
  const q = db.selectFrom('follow_ups as f').select('f.id').where(where).compile();
  return { sql: q.sql, parameters: q.parameters };
}

describe('abilityWhere', () => {
  it('scopes a marketer to their own follow-ups', () => {
    const ability = defineAbilityFor({ id: 'u-1', role: 'marketer' });
    expect(compile(abilityWhere(ability, 'read', 'FollowUp', columns))).toEqual({
      sql: 'select "f"."id" from "follow_ups" as "f" where "f"."owner_id" = $1',
      parameters: ['u-1'],
    });
  });

  it('gives an admin every follow-up and compliance none', () => {
    const admin = defineAbilityFor({ id: 'a', role: 'admin' });
    expect(compile(abilityWhere(admin, 'read', 'FollowUp', columns)).sql).toBe(
      'select "f"."id" from "follow_ups" as "f" where true',
    );
    const compliance = defineAbilityFor({ id: 'c', role: 'compliance' });
    expect(compile(abilityWhere(compliance, 'read', 'FollowUp', columns)).sql).toBe(
      'select "f"."id" from "follow_ups" as "f" where false',
    );
  });

  it('combines several rules with or, inverted rules with and-not, and operators', () => {
    const rules: AppRule[] = [
      { action: 'read', subject: 'FollowUp', conditions: { ownerId: 'u-1' } },
      { action: 'read', subject: 'FollowUp', conditions: { status: { $in: ['open', 'snoozed'] } } },
      { action: 'read', subject: 'FollowUp', conditions: { status: 'deleted' }, inverted: true },
    ];
    const q = compile(abilityWhere(abilityFromRules(rules), 'read', 'FollowUp', columns));
    expect(q.sql).toBe(
      'select "f"."id" from "follow_ups" as "f" where (("f"."status" in ($1, $2) and not "f"."status" = $3) or ("f"."owner_id" = $4 and not "f"."status" = $5))',
    );
    expect(q.parameters).toEqual(['open', 'snoozed', 'deleted', 'u-1', 'deleted']);
  });

  it('fails closed on a condition field without a column', () => {
    const ability = abilityFromRules([{ action: 'read', subject: 'FollowUp', conditions: { teamId: 't' } }]);
    expect(() => abilityWhere(ability, 'read', 'FollowUp', columns)).toThrow(
      'no column mapped for CASL field "teamId"',
    );
  });

  it('maps null to is null', () => {
    const ability = abilityFromRules([
      { action: 'read', subject: 'FollowUp', conditions: { ownerId: null } },
    ]);
    expect(compile(abilityWhere(ability, 'read', 'FollowUp', columns)).sql).toBe(
      'select "f"."id" from "follow_ups" as "f" where "f"."owner_id" is null',
    );
  });
});
