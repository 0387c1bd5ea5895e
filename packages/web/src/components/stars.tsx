import { useId } from 'react';

/** A rating shown as five stars with the number beside it; "No reviews yet" without one. */
export function Stars({ rating, count }: { rating: number | null; count?: number }) {
  if (rating === null) return <span className="muted small">No reviews yet</span>;
  const full = Math.round(rating);
  return (
    <span className="stars" aria-label={`Rated ${rating.toFixed(1)} out of 5${count !== undefined ? ` from ${count} review${count === 1 ? '' : 's'}` : ''}`}>
      <span aria-hidden="true">{'★'.repeat(full)}{'☆'.repeat(5 - full)}</span> {rating.toFixed(1)}
      {count !== undefined && <span className="muted small"> ({count})</span>}
    </span>
  );
}

/** Choosing 1-5 stars: a radio group, so arrow keys move between the stars and each has a label. */
export function StarInput({ value, onChange, label }: { value: number; onChange: (n: number) => void; label: string }) {
  const name = useId();
  return (
    <fieldset className="star-input">
      <legend>{label}</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <label key={n} className={n <= value ? 'on' : ''}>
          <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} />
          <span aria-hidden="true">★</span>
          <span className="visually-hidden">{`${n} star${n === 1 ? '' : 's'}`}</span>
        </label>
      ))}
    </fieldset>
  );
}
