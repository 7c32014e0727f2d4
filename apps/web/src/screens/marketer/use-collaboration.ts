// The active collaborations a marketer can work in, and which one the screen is on (kept in the URL).
import { useQuery } from '@tanstack/react-query';
import { navigate, useLocation } from '../../router.tsx';
import { useTRPC } from '../../trpc.ts';

export function useActiveCollaboration() {
  const trpc = useTRPC();
  const { path, query } = useLocation();
  const list = useQuery(trpc.collaborations.list.queryOptions());
  const active = (list.data ?? []).filter((c) => c.status === 'active');
  const wanted = query.get('collaboration');
  const current = active.find((c) => c.id === wanted) ?? active[0];
  const choose = (id: string) => {
    const q = new URLSearchParams(query);
    q.set('collaboration', id);
    navigate(`${path}?${q}`, { replace: true });
  };
  return { list, active, current, choose };
}
