// "Scope" picker of the analytics screens: all customers or one saved segment.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';
import { Field } from '../../ui/form.tsx';

export function SegmentScope({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (segmentId: string) => void;
}) {
  const trpc = useTRPC();
  const segments = useQuery(trpc.segments.list.queryOptions());
  return (
    <Field label="Scope" id={id}>
      <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All customers</option>
        {(segments.data ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
