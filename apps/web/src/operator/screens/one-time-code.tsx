// An invitation code, shown exactly once after it was issued (the clean room keeps only its SHA-256).
import { Notice } from '../../ui/states.tsx';

export interface IssuedCode {
  name: string;
  code: string;
  expiresAt: string;
  reason: 'invited' | 'rotated';
}

export function OneTimeCode({ issued }: { issued: IssuedCode }) {
  const title =
    issued.reason === 'rotated'
      ? `New invitation code for ${issued.name} — the old credential no longer works`
      : `Invitation code for ${issued.name}`;
  return (
    <Notice tone="ok" title={title}>
      <div className="stack-sm">
        <code data-testid="invitation-code" style={{ wordBreak: 'break-all', userSelect: 'all' }}>
          {issued.code}
        </code>
        <span>
          Shown once. Give it to {issued.name}'s administrator, who enters it in their console (Admin ›
          Credentials) before {new Date(issued.expiresAt).toLocaleString()}; the node then receives its
          credential directly.
        </span>
      </div>
    </Notice>
  );
}
