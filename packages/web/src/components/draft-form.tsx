import { useState, type FormEvent } from 'react';
import { DraftError } from './draft-error.ts';
import { ErrorBox } from './error-box.tsx';
import { FilterDraftError } from './filter-criteria.ts';
import { useAction, type Action } from './use-action.ts';

export interface DraftForm<D> {
  readonly draft: D;
  /** Changes some fields of the draft. */
  set(patch: Partial<D>): void;
  /** Why the draft cannot be sent (checked before sending), or null. */
  readonly invalid: DraftError | null;
  /** The save call's state; its error is the API's answer. */
  readonly save: Action;
  submit(event: FormEvent): Promise<void>;
}

/**
 * A create-or-edit form over a draft as typed: on submit the draft becomes the API body (`toInput` throws a
 * DraftError naming the field at fault, shown without calling the API), then `save` sends it.
 */
export function useDraftForm<D, B>(initial: D | (() => D), toInput: (draft: D) => B, save: (body: B) => Promise<unknown>, onSaved: () => void): DraftForm<D> {
  const [draft, setDraft] = useState<D>(initial);
  const [invalid, setInvalid] = useState<DraftError | null>(null);
  const action = useAction();
  return {
    draft,
    set: (patch) => setDraft((d) => ({ ...d, ...patch })),
    invalid,
    save: action,
    async submit(event) {
      event.preventDefault();
      let body: B;
      try {
        body = toInput(draft);
        setInvalid(null);
      } catch (error) {
        if (!(error instanceof DraftError)) throw error;
        setInvalid(error);
        return;
      }
      if (await action.run(() => save(body))) onSaved();
    },
  };
}

/** A draft form's end: why it cannot be sent (the filter builder shows its own), the API's error, Save and Cancel. */
export function FormFooter({ form, errorTitle, submitLabel, onCancel }: { form: DraftForm<unknown>; errorTitle: string; submitLabel: string; onCancel: () => void }) {
  const { invalid, save } = form;
  return (
    <>
      {invalid && !(invalid instanceof FilterDraftError) && (
        <p className="field-error" role="alert">
          {invalid.message}
        </p>
      )}
      <ErrorBox error={save.error} title={errorTitle} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
