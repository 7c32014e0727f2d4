// Turns a CASL ability into a SQL predicate (kysely) so list queries return only rows the caller may see.
import { rulesToCondition } from '@casl/ability/extra';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Action, AppAbility, Subject } from './abilities.ts';

/** CASL condition field → qualified column (`f.owner_id`); a field without a column fails closed (throws). */
export type ColumnMap = Readonly<Record<string, string>>;

type Pred = RawBuilder<SqlBool>;

const TRUE: Pred = sql<SqlBool>`true`;
const FALSE: Pred = sql<SqlBool>`false`;

function and(parts: Pred[]): Pred {
  if (parts.length === 0) return TRUE;
  if (parts.length === 1) return parts[0]!;
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

function or(parts: Pred[]): Pred {
  if (parts.length === 0) return FALSE;
  if (parts.length === 1) return parts[0]!;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function eq(col: string, value: unknown): Pred {
  return value === null ? sql<SqlBool>`${sql.ref(col)} is null` : sql<SqlBool>`${sql.ref(col)} = ${value}`;
}

function inList(col: string, values: unknown): Pred {
  if (!Array.isArray(values)) throw new Error('$in/$nin expects an array');
  if (values.length === 0) return FALSE;
  return sql<SqlBool>`${sql.ref(col)} in (${sql.join(values)})`;
}

function fieldPred(col: string, value: unknown): Pred {
  if (!isPlainObject(value)) return eq(col, value);
  return and(
    Object.entries(value).map(([op, v]) => {
      switch (op) {
        case '$eq':
          return eq(col, v);
        case '$ne':
          return v === null
            ? sql<SqlBool>`${sql.ref(col)} is not null`
            : sql<SqlBool>`${sql.ref(col)} is distinct from ${v}`;
        case '$in':
          return inList(col, v);
        case '$nin':
          return sql<SqlBool>`not ${inList(col, v)}`;
        default:
          throw new Error(`unsupported CASL operator ${op}`);
      }
    }),
  );
}

function conditionsPred(conditions: Record<string, unknown>, columns: ColumnMap): Pred {
  return and(
    Object.entries(conditions).map(([field, value]) => {
      if (field === '$and' || field === '$or') {
        if (!Array.isArray(value)) throw new Error(`${field} expects an array`);
        const parts = value.map((c) => conditionsPred(c as Record<string, unknown>, columns));
        return field === '$and' ? and(parts) : or(parts);
      }
      const col = columns[field];
      if (!col) throw new Error(`no column mapped for CASL field "${field}"`);
      return fieldPred(col, value);
    }),
  );
}

/**
 * The `where` for "rows of `subject` the ability allows `action` on": `true` for unconditional access,
 * `false` when no rule allows it, else the rules' conditions (inverted rules as `not`) over `columns`.
 */
export function abilityWhere(
  ability: AppAbility,
  action: Action,
  subject: Subject,
  columns: ColumnMap,
): Expression<SqlBool> {
  const result = rulesToCondition(
    ability.rulesFor(action, subject),
    (rule): Pred => {
      const c = conditionsPred((rule.conditions ?? {}) as Record<string, unknown>, columns);
      return rule.inverted ? sql<SqlBool>`not ${c}` : c;
    },
    { and, or, empty: () => TRUE },
  );
  return result ?? FALSE;
}
