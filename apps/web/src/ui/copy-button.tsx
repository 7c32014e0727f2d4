// Copies a value (a one-time token, a key) to the clipboard and says so, for sighted and screen-reader users.
import { useState } from 'react';
import { Button } from './form.tsx';

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // No clipboard permission (e.g. plain http): the value stays selectable on screen.
      setState('failed');
    }
  };
  return (
    <span className="row" style={{ gap: 8 }}>
      <Button size="sm" icon={state === 'copied' ? 'check' : 'key'} onClick={copy}>
        {state === 'copied' ? 'Copied' : label}
      </Button>
      <span className="small muted" role="status">
        {state === 'copied'
          ? 'Copied to the clipboard'
          : state === 'failed'
            ? 'Copy failed: select and copy it'
            : ''}
      </span>
    </span>
  );
}
