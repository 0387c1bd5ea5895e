import { ApiError } from '../api/problem.ts';

/** A failed call, said plainly: what went wrong, what to do, and the request id to find it in the log. */
export function ErrorBox({ error, title }: { error: Error | undefined | null; title?: string }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error : undefined;
  return (
    <div className="error-box" role="alert">
      <strong>{title ?? 'Something went wrong'}</strong>
      <p>
        {problem?.field && problem.errors.length <= 1 && !error.message.includes(problem.field) && (
          <>
            <code>{problem.field}</code>:{' '}
          </>
        )}
        {error.message}
      </p>
      {problem?.errors && problem.errors.length > 1 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {problem?.hint && <p className="hint">{problem.hint}</p>}
      {problem && (
        <p className="muted small">
          {problem.code}
          {problem.requestId ? ` · request ${problem.requestId}` : ''}
        </p>
      )}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}
