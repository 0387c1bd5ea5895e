import type { ReactNode } from 'react';

/** A table with a caption for screen readers and its column headers; a `false` column is left out (such as Actions for viewers). */
export function DataTable({ className, caption, columns, children }: { className: string; caption: string; columns: readonly (string | false)[]; children: ReactNode }) {
  return (
    <table className={className}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns
            .filter((c) => c !== false)
            .map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
