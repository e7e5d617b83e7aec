import type { ComponentProps, ReactNode } from "react";

/** A scrollable, bordered data table with a caption for screen readers and a header row of `columns`. */
export function Table({
  caption,
  columns,
  children,
  ...props
}: Omit<ComponentProps<"table">, "children"> & { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-card">
      <table {...props} className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border bg-muted text-xs tracking-wide text-muted-foreground uppercase">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-3 py-2">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">{children}</tbody>
      </table>
    </div>
  );
}

/** A table cell with the table's padding. */
export function Cell({ className = "", ...props }: ComponentProps<"td">) {
  return <td {...props} className={`px-3 py-2 ${className}`} />;
}

/** The panel shown instead of a table with no rows. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-input p-8 text-center text-sm text-muted-foreground">{children}</p>;
}
