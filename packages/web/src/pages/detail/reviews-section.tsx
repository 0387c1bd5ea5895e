import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { Review, ReviewPage } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { ago, exact } from '../../components/format.ts';
import { StarInput, Stars } from '../../components/stars.tsx';
import { useLoad } from '../../components/use-load.ts';

function ReviewForm({ connectorId, existing, onSaved, onCancel }: { connectorId: string; existing?: Review; onSaved: () => void; onCancel?: () => void }) {
  const [rating, setRating] = useState(existing?.rating ?? 0);
  const [title, setTitle] = useState(existing?.title ?? '');
  const [body, setBody] = useState(existing?.body ?? '');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (rating < 1) {
      setError(new Error('Choose a rating from 1 to 5 stars.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const review = { rating, title, body };
      if (existing) await unwrap(api.PUT('/api/integration/connectors/{id}/reviews/{review_id}', { params: { path: { id: connectorId, review_id: existing.id } }, body: review }));
      else await unwrap(api.POST('/api/integration/connectors/{id}/reviews', { params: { path: { id: connectorId } }, body: review }));
      onSaved();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="review-form card" onSubmit={submit} aria-label={existing ? 'Edit your review' : 'Write a review'}>
      <h3>{existing ? 'Edit your review' : 'Write a review'}</h3>
      <StarInput label="Your rating" value={rating} onChange={setRating} />
      <div className="field">
        <label htmlFor="review-title">Title</label>
        <input id="review-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="review-body">Your review</label>
        <textarea id="review-body" required maxLength={5000} rows={4} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby="review-body-help" />
        <p id="review-body-help" className="hint">
          What worked, what did not, how long the setup took. Your organisation sees it with your name.
        </p>
      </div>
      <ErrorBox error={error} title="The review was not saved" />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : existing ? 'Save review' : 'Publish review'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function Histogram({ summary }: { summary: ReviewPage['summary'] }) {
  const max = Math.max(1, ...summary.histogram);
  return (
    <dl className="histogram" aria-label="Ratings by stars">
      {[5, 4, 3, 2, 1].map((stars) => (
        <div key={stars}>
          <dt>{stars} ★</dt>
          <dd>
            <span className="bar" style={{ width: `${(summary.histogram[stars - 1]! / max) * 100}%` }} aria-hidden="true" />
            <span className="small">{summary.histogram[stars - 1]}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Reviews of a connector: the summary, the list (newest or most helpful first), helpful votes, your own review. */
export function ReviewsSection({ connectorId, onChange }: { connectorId: string; onChange: () => void }) {
  const canWrite = useCanWrite();
  const [sort, setSort] = useState<'newest' | 'helpful'>('newest');
  const [editing, setEditing] = useState(false);
  const [voteError, setVoteError] = useState<Error | null>(null);
  const reviews = useLoad(() => unwrap(api.GET('/api/integration/connectors/{id}/reviews', { params: { path: { id: connectorId }, query: { sort, limit: 50 } } })), [connectorId, sort]);
  const mine = reviews.data?.items.find((r) => r.is_mine);
  const saved = () => {
    setEditing(false);
    reviews.reload();
    onChange();
  };

  async function vote(review: Review, helpful: boolean) {
    setVoteError(null);
    try {
      await unwrap(api.PUT('/api/integration/connectors/{id}/reviews/{review_id}/vote', { params: { path: { id: connectorId, review_id: review.id } }, body: { helpful: review.my_vote === helpful ? null : helpful } }));
      reviews.reload();
    } catch (e) {
      setVoteError(e as Error);
    }
  }

  return (
    <section aria-labelledby="reviews" className="reviews">
      <h2 id="reviews">Reviews{reviews.data ? ` (${reviews.data.summary.count})` : ''}</h2>
      <ErrorBox error={reviews.error} />
      {reviews.loading && !reviews.data && <Loading what="reviews" />}
      {reviews.data && (
        <>
          <div className="review-summary">
            <Stars rating={reviews.data.summary.average} count={reviews.data.summary.count} />
            {reviews.data.summary.count > 0 && <Histogram summary={reviews.data.summary} />}
          </div>
          {canWrite && !mine && <ReviewForm connectorId={connectorId} onSaved={saved} />}
          {canWrite && mine && editing && <ReviewForm connectorId={connectorId} existing={mine} onSaved={saved} onCancel={() => setEditing(false)} />}
          {reviews.data.items.length > 1 && (
            <div className="field inline">
              <label htmlFor="review-sort">Sort reviews</label>
              <select id="review-sort" value={sort} onChange={(e) => setSort(e.target.value as 'newest' | 'helpful')}>
                <option value="newest">Newest first</option>
                <option value="helpful">Most helpful first</option>
              </select>
            </div>
          )}
          <ErrorBox error={voteError} title="The vote was not counted" />
          <ul className="review-list">
            {reviews.data.items.map((r) => (
              <li key={r.id} className="card review">
                <h3>{r.title}</h3>
                <p>
                  <Stars rating={r.rating} /> <span className="muted small">
                    by {r.author}
                    {r.is_mine ? ' (you)' : ''}, <time dateTime={r.created_at} title={exact(r.created_at)}>{ago(r.created_at)}</time>
                  </span>
                </p>
                <p className="review-body">{r.body}</p>
                <p className="small muted">
                  {r.helpful_count} found this helpful{r.not_helpful_count ? `, ${r.not_helpful_count} did not` : ''}
                </p>
                {canWrite && !r.is_mine && (
                  <div className="actions" role="group" aria-label={`Was “${r.title}” helpful?`}>
                    <button type="button" aria-pressed={r.my_vote === true} onClick={() => vote(r, true)}>
                      👍 Helpful
                    </button>
                    <button type="button" aria-pressed={r.my_vote === false} onClick={() => vote(r, false)}>
                      👎 Not helpful
                    </button>
                  </div>
                )}
                {canWrite && r.is_mine && !editing && (
                  <button type="button" onClick={() => setEditing(true)}>
                    Edit your review
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
