// Compliance › Privacy requests › Log a request for the person on screen: kind, the channel it came in by (asked,
// never assumed), reference (required for erasure) and when it was received.
import { useMutation } from '@tanstack/react-query';
import { LogRequestForm, REQUEST_CHANNELS, REQUEST_KINDS } from '../../forms.ts';
import { titleCase } from '../../labels.ts';
import { useTRPC } from '../../trpc.ts';
import { Button, SelectField, TextField, useZodForm } from '../../ui/form.tsx';
import { Card } from '../../ui/layout.tsx';
import { ErrorNote } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useInvalidateQueue } from './privacy-queue.tsx';

/** Logs a request for the person on screen; the channel is asked, never assumed. */
export function LogRequest({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateQueue();
  const toast = useToast();
  const form = useZodForm(LogRequestForm, {
    kind: '' as never,
    customerId,
    channel: '' as never,
    reference: null,
    receivedAt: new Date().toISOString().slice(0, 16),
  });
  const create = useMutation(
    trpc.privacy.requests.create.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        toast('Request logged');
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <Card title="Log a request from this person" hint="One month to answer from receipt (Art. 12(3)).">
      <form className="stack" onSubmit={form.submit((d) => create.mutate(d))} noValidate>
        <SelectField
          form={form}
          name="kind"
          label="Request"
          options={[
            { value: '', label: 'Choose…' },
            ...REQUEST_KINDS.map((k) => ({ value: k, label: titleCase(k) })),
          ]}
        />
        <SelectField
          form={form}
          name="channel"
          label="Came in by"
          options={[
            { value: '', label: 'Ask: how did it reach us?' },
            ...REQUEST_CHANNELS.map((c) => ({ value: c, label: titleCase(c) })),
          ]}
        />
        <TextField
          form={form}
          name="reference"
          label="Reference"
          placeholder="ticket or letter number"
          emptyAsNull
        />
        <TextField form={form} name="receivedAt" label="Received at" type="datetime-local" />
        {create.isError ? <ErrorNote error={create.error} /> : null}
        <Button type="submit" variant="primary" busy={create.isPending}>
          Log request
        </Button>
      </form>
    </Card>
  );
}
