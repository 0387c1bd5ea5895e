import type { ReactNode } from 'react';

/** Edit and Delete for one item of a list (Delete asks first); other buttons go between them. Each names its item for screen readers. */
export function ItemActions({ name, busy, onEdit, confirmDelete, onDelete, children }: { name: string; busy: boolean; onEdit: () => void; confirmDelete: string; onDelete: () => void; children?: ReactNode }) {
  return (
    <div className="actions">
      <button type="button" onClick={onEdit}>
        Edit <span className="visually-hidden">{name}</span>
      </button>
      {children}
      <button type="button" className="danger" disabled={busy} onClick={() => window.confirm(confirmDelete) && onDelete()}>
        Delete <span className="visually-hidden">{name}</span>
      </button>
    </div>
  );
}
