import type { ComponentProps, ReactNode } from "react";

/** A scrollable, bordered data table with a caption for screen readers and a header row of `columns`. */
export function Table({
  caption,
  columns,
  children,
  ...props
}: Omit<ComponentProps<"table">, "children"> & { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table {...props} className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs tracking-wide text-zinc-600 uppercase">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-3 py-2">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">{children}</tbody>
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
  return <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600">{children}</p>;
}
