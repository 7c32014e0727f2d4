// "Scope" picker of the analytics screens: all customers or one saved segment.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';
import { PickField } from '../../ui/form.tsx';

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
    <PickField
      id={id}
      label="Scope"
      value={value}
      onChange={onChange}
      options={[['', 'All customers'], ...(segments.data ?? []).map((s) => [s.id, s.name] as const)]}
    />
  );
}
