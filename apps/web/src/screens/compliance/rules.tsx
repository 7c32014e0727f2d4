// Compliance › Consent rules: the rule in force per purpose, an editor that writes the next version, and history.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { SetRuleForm } from '../../forms.ts';
import { INDUSTRIES, industryLabel, PURPOSES, purposeTitle } from '../../labels.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button, FormActions, TextField, useZodForm } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useRefreshThenToast } from '../../ui/toast.tsx';

type Rule = RouterOutputs['rules']['list'][number];

export function RulesScreen() {
  const trpc = useTRPC();
  const rules = useQuery(trpc.rules.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const byPurpose = new Map((rules.data ?? []).map((r) => [r.purpose, r]));
  return (
    <Page
      title="Consent rules"
      subtitle="What may leave this node, per purpose: recipient industries, consent age, the minimum group size and whether lists may be released. Every change is a new, audited version."
    >
      <div className="split">
        <Card title="Rules in force" flush>
          <QueryState query={rules}>
            {() => (
              <Table
                caption="Rules in force per purpose"
                testId="rules-table"
                rows={PURPOSES}
                rowKey={(p) => p.id}
                columns={[
                  {
                    key: 'purpose',
                    header: 'Purpose',
                    cell: (p) => (
                      <div>
                        <div style={{ fontWeight: 550 }}>{p.title}</div>
                        <code className="muted">{p.id}</code>
                      </div>
                    ),
                  },
                  {
                    key: 'rule',
                    header: 'Rule',
                    cell: (p) => <RuleSummary rule={byPurpose.get(p.id)} />,
                  },
                  {
                    key: 'edit',
                    header: <span className="sr-only">Actions</span>,
                    cell: (p) => (
                      <Can I="create" a="ConsentRule">
                        <Button
                          size="sm"
                          onClick={() => setEditing(p.id)}
                          aria-label={`Edit rule for ${p.title}`}
                        >
                          Edit
                        </Button>
                      </Can>
                    ),
                  },
                ]}
              />
            )}
          </QueryState>
        </Card>
        <div className="stack">
          {editing ? (
            <RuleEditor
              key={editing}
              purpose={editing}
              current={byPurpose.get(editing)}
              onDone={() => setEditing(null)}
            />
          ) : (
            <Card title="Edit a rule">
              <p className="muted">
                Choose a purpose to write its next rule version. Nothing is ever overwritten.
              </p>
            </Card>
          )}
          <RuleHistory purpose={editing} />
        </div>
      </div>
    </Page>
  );
}

function RuleSummary({ rule }: { rule: Rule | undefined }) {
  if (!rule) return <Badge tone="warn">No rule — nothing is shared</Badge>;
  return (
    <div className="stack-sm" style={{ gap: 4 }}>
      <div className="chip-row">
        {rule.allowedIndustries.map((i) => (
          <Badge key={i} tone="brand" plain>
            {industryLabel(i)}
          </Badge>
        ))}
      </div>
      <span className="small muted">
        k ≥ {fmtNumber(rule.kMin)} · {rule.listsAllowed ? 'lists allowed' : 'counts only'} · consent age{' '}
        {rule.maxConsentAgeDays ? `≤ ${rule.maxConsentAgeDays} days` : 'unlimited'} · kept{' '}
        {rule.retentionDays} days · v{rule.version}
      </span>
    </div>
  );
}

function useRuleForm(purpose: string, current: Rule | undefined, onDone: () => void) {
  const trpc = useTRPC();
  const done = useRefreshThenToast();
  const form = useZodForm(SetRuleForm, {
    purpose,
    allowedIndustries: current?.allowedIndustries ?? [],
    maxConsentAgeDays: current ? current.maxConsentAgeDays : 730,
    kMin: current?.kMin ?? 10,
    listsAllowed: current?.listsAllowed ?? false,
    retentionDays: current?.retentionDays ?? 180,
    note: '',
  });
  const save = useMutation(
    trpc.rules.set.mutationOptions({
      onSuccess: async () => {
        await done(trpc.rules.pathKey(), `Rule for “${purposeTitle(purpose)}” saved as a new version`);
        onDone();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return { form, save };
}
type RuleForm = ReturnType<typeof useRuleForm>['form'];

function RuleEditor({
  purpose,
  current,
  onDone,
}: {
  purpose: string;
  current: Rule | undefined;
  onDone: () => void;
}) {
  const { form, save } = useRuleForm(purpose, current, onDone);
  const unlimited = form.values.maxConsentAgeDays === null;
  return (
    <Card
      title={`Edit: ${purposeTitle(purpose)}`}
      hint={current ? `Currently version ${current.version}` : 'First version'}
    >
      <form className="stack" onSubmit={form.submit((data) => save.mutate(data))} noValidate>
        <IndustryChecks form={form} />
        <div className="form-grid">
          <TextField
            form={form}
            name="kMin"
            label="Minimum group size (k)"
            type="number"
            min={1}
            hint="Counts and lists smaller than this are never released."
          />
          <TextField
            form={form}
            name="retentionDays"
            label="Retention at the clean room (days)"
            type="number"
            min={1}
          />
          <div className="field">
            <TextField
              form={form}
              name="maxConsentAgeDays"
              label="Maximum consent age (days)"
              type="number"
              min={1}
              disabled={unlimited}
            />
            <label className="check small">
              <input
                type="checkbox"
                checked={unlimited}
                onChange={(e) => form.set('maxConsentAgeDays', e.target.checked ? null : 730)}
              />
              No age limit
            </label>
          </div>
          <div className="field">
            <span className="field-label">Lists</span>
            <label className="check">
              <input
                type="checkbox"
                checked={Boolean(form.values.listsAllowed)}
                onChange={(e) => form.set('listsAllowed', e.target.checked)}
              />
              Allow cross-sell and referral lists
            </label>
            <span className="field-hint">Otherwise partners only ever see counts.</span>
          </div>
          <TextField
            form={form}
            name="note"
            label="Why this change"
            className="wide"
            placeholder="e.g. DPO review 2026-11"
          />
        </div>
        <FormActions mutation={save} submitLabel="Save new version" onCancel={onDone} />
      </form>
    </Card>
  );
}

function IndustryChecks({ form }: { form: RuleForm }) {
  const industries = form.values.allowedIndustries as string[];
  const toggle = (i: string) =>
    form.set(
      'allowedIndustries',
      industries.includes(i) ? industries.filter((x) => x !== i) : [...industries, i],
    );
  return (
    <fieldset aria-describedby={form.errors.allowedIndustries ? 'ind-error' : undefined}>
      <legend>Recipient industries allowed</legend>
      <div className="chip-row">
        {[...INDUSTRIES, '*'].map((i) => (
          <label key={i} className="check">
            <input type="checkbox" checked={industries.includes(i)} onChange={() => toggle(i)} />
            {industryLabel(i)}
          </label>
        ))}
      </div>
      {form.errors.allowedIndustries ? (
        <span className="field-error" id="ind-error">
          {form.errors.allowedIndustries}
        </span>
      ) : null}
    </fieldset>
  );
}

function RuleHistory({ purpose }: { purpose: string | null }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.rules.history.queryOptions(purpose ? { purpose } : undefined));
  return (
    <Card title="History" hint={purpose ? purposeTitle(purpose) : 'All purposes'} flush>
      <QueryState query={history} isEmpty={(h) => h.length === 0}>
        {(rows) => (
          <Table
            caption="Rule versions"
            testId="rule-history"
            rows={rows.slice(0, 25)}
            rowKey={(r) => String(r.id)}
            columns={[
              { key: 'v', header: 'Version', cell: (r) => <span className="num">v{r.version}</span> },
              {
                key: 'what',
                header: 'Rule',
                cell: (r) => (
                  <div>
                    {!purpose ? <div style={{ fontWeight: 550 }}>{purposeTitle(r.purpose)}</div> : null}
                    <span className="small">
                      {r.allowedIndustries.map(industryLabel).join(', ')} · k ≥ {r.kMin} ·{' '}
                      {r.listsAllowed ? 'lists' : 'counts only'}
                    </span>
                    {r.note ? <div className="small muted">“{r.note}”</div> : null}
                  </div>
                ),
              },
              {
                key: 'at',
                header: 'When',
                cell: (r) => <span className="small">{fmtDateTime(r.createdAt)}</span>,
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
