import { ButtonLink } from "./ui/button";

interface PaginationLinksProps {
  basePath: string;
  /** The current query, without its cursor. */
  params: Record<string, string | undefined>;
  previousCursor: string | null;
  nextCursor: string | null;
  label: string;
}

function href(basePath: string, params: Record<string, string | undefined>, cursor: string): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  query.set("cursor", cursor);
  return `${basePath}?${query}`;
}

const disabledClass = "rounded-md border border-border px-3 py-1.5 text-sm text-muted-foreground";

export function PaginationLinks({ basePath, params, previousCursor, nextCursor, label }: PaginationLinksProps) {
  return (
    <nav aria-label={label} className="flex justify-between gap-2">
      {previousCursor ? (
        <ButtonLink variant="secondary" href={href(basePath, params, previousCursor)} rel="prev">
          ← Previous
        </ButtonLink>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          ← Previous
        </span>
      )}
      {nextCursor ? (
        <ButtonLink variant="secondary" href={href(basePath, params, nextCursor)} rel="next">
          Next →
        </ButtonLink>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
