// Writing a note on the customer: it lands on the timeline with the author and the time.
import { NoteBody } from '@concord/node/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../errors.ts';
import { useTRPC } from '../../trpc.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Card } from '../../ui/layout.tsx';
import { ErrorNote } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';

export function NoteCard({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const add = useMutation(
    trpc.customers.addNote.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customers.timeline.pathKey() });
        setBody('');
        toast('Note added to the timeline');
      },
      onError: (err) => setError(describeError(err).fields.body),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = NoteBody.safeParse(body);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      document.getElementById('note-body')?.focus();
      return;
    }
    setError(undefined);
    add.mutate({ customerId, body: parsed.data });
  };
  return (
    <Card
      title="Add a note"
      hint="Visible to everyone who can open this customer, with your name and the time."
    >
      <form className="stack-sm" onSubmit={submit} noValidate>
        <Field label="New note" id="note-body" error={error}>
          <textarea
            id="note-body"
            className="textarea"
            rows={3}
            value={body}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'note-body-error' : undefined}
            onChange={(e) => {
              setBody(e.target.value);
              setError(undefined);
            }}
          />
        </Field>
        {add.isError && !error ? <ErrorNote error={add.error} /> : null}
        <div>
          <Button type="submit" icon="plus" busy={add.isPending}>
            Add note
          </Button>
        </div>
      </form>
    </Card>
  );
}
