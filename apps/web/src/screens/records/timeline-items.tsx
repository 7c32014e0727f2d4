// How each kind of timeline entry is shown: icon, label, title, detail and the badge on the right.
import type { ReactNode } from 'react';
import { titleCase } from '../../labels.ts';
import type { RouterOutputs } from '../../trpc.ts';
import type { IconName } from '../../ui/icons.tsx';
import { Badge, fmtMoney } from '../../ui/layout.tsx';

export type Item = RouterOutputs['customers']['timeline'][number];

export const KIND: Record<Item['type'], { icon: IconName; cls: string; label: string }> = {
  purchase: { icon: 'cart', cls: 'purchase', label: 'Purchase' },
  service_case: { icon: 'wrench', cls: 'service', label: 'Service case' },
  contact: { icon: 'phone', cls: 'contact', label: 'Contact' },
  follow_up: { icon: 'calendar', cls: 'followup', label: 'Follow-up' },
  loyalty: { icon: 'checkCircle', cls: 'contact', label: 'Loyalty' },
  note: { icon: 'file', cls: 'contact', label: 'Note' },
  social: { icon: 'link', cls: 'contact', label: 'Social profile' },
};

export function describe(item: Item): { title: string; detail: string; side: ReactNode } {
  switch (item.type) {
    case 'purchase':
      return {
        title: item.product,
        detail: `${item.category ?? 'Uncategorised'} · ${item.quantity} × ${fmtMoney(item.price / Math.max(1, item.quantity))}`,
        side: <strong className="num">{fmtMoney(item.price)}</strong>,
      };
    case 'service_case':
      return {
        title: `Service case${item.product ? ` · ${item.product}` : ''}`,
        detail: item.summary ?? item.outcome ?? '',
        side: item.closedAt ? (
          <Badge tone="ok">{item.outcome ?? 'closed'}</Badge>
        ) : (
          <Badge tone="warn">open</Badge>
        ),
      };
    case 'contact':
      return {
        title: `${titleCase(item.direction ?? 'contact')} ${item.channel ?? ''}`.trim(),
        detail: item.summary ?? '',
        side: null,
      };
    case 'follow_up':
      return {
        title: `Follow-up${item.channel ? ` by ${item.channel}` : ''}`,
        detail: item.note ?? '',
        side: <Badge tone={item.status === 'open' ? 'brand' : 'neutral'}>{item.status}</Badge>,
      };
    case 'note':
      return { title: `Note by ${item.author}`, detail: item.body, side: null };
    case 'social':
      return {
        title: `${item.network === 'x' ? 'X' : titleCase(item.network)} profile added`,
        detail: `@${item.handle}`,
        side: <Badge tone="neutral">channel</Badge>,
      };
    case 'loyalty':
      return {
        title:
          item.kind === 'tier_change'
            ? `Loyalty tier ${item.tierFrom ?? 'none'} → ${item.tierTo ?? 'none'}`
            : `Loyalty ${item.kind.replace('_', ' ')}`,
        detail: item.note ?? '',
        side:
          item.points === 0 ? null : (
            <Badge
              tone={item.points > 0 ? 'ok' : 'warn'}
            >{`${item.points > 0 ? '+' : ''}${item.points} pts`}</Badge>
          ),
      };
  }
}
