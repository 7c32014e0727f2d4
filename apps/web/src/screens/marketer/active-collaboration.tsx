// The collaboration a marketer screen works in: loading/error/none states, then a picker header and the screen's body.
import type { ReactNode } from 'react';
import { industryLabel, purposeTitle } from '../../labels.ts';
import type { RouterOutputs } from '../../trpc.ts';
import { Field } from '../../ui/form.tsx';
import { Badge, Card } from '../../ui/layout.tsx';
import { Empty, ErrorNote, Loading } from '../../ui/states.tsx';
import { useActiveCollaboration } from './use-collaboration.ts';

type Collaboration = RouterOutputs['collaborations']['list'][number];

/** Renders `children` for the chosen active collaboration, under a header to switch between them. */
export function ActiveCollaboration({
  emptyHint,
  children,
}: {
  /** Shown when there is no active collaboration yet. */
  emptyHint: string;
  children: (current: Collaboration) => ReactNode;
}) {
  const { list, active, current, choose } = useActiveCollaboration();
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorNote error={list.error} onRetry={() => void list.refetch()} />;
  if (!current)
    return (
      <Card>
        <Empty icon="handshake" title="No active collaboration" hint={emptyHint} />
      </Card>
    );
  return (
    <>
      <CollaborationHeader
        collaborations={active}
        currentId={current.id}
        onChoose={choose}
        members={current.members.map((m) => `${m.name} (${industryLabel(m.industry)})`).join(' · ')}
        purposes={current.purposes}
      />
      {children(current)}
    </>
  );
}

function CollaborationHeader({
  collaborations,
  currentId,
  onChoose,
  members,
  purposes,
}: {
  collaborations: { id: string; name: string }[];
  currentId: string;
  onChoose: (id: string) => void;
  members: string;
  purposes: string[];
}) {
  return (
    <Card>
      <div className="grid-2">
        <Field label="Collaboration" id="collab-pick">
          <select
            id="collab-pick"
            className="select"
            value={currentId}
            onChange={(e) => onChoose(e.target.value)}
          >
            {collaborations.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <div className="stack-sm small">
          <span className="muted">{members}</span>
          <div className="chip-row">
            {purposes.map((p) => (
              <Badge key={p} tone="brand" plain>
                {purposeTitle(p)}
              </Badge>
            ))}
          </div>
        </div>
      </div>
    </Card>
  );
}
