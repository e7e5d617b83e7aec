import { buttonClass } from "@/components/ui/button";
import { ROLES } from "@/config/roles";
import type { UserListQuery } from "@/lib/users/queries";

const fieldClass = "rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm";

/** A plain GET form: the filters live in the URL, so a filtered list can be shared and reloaded. */
export function UserFilters({ query }: { query: UserListQuery }) {
  return (
    <form method="get" role="search" className="flex flex-wrap items-end gap-3">
      <div className="flex min-w-56 flex-1 flex-col gap-1">
        <label htmlFor="q" className="text-sm font-medium">
          Search
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query.search ?? ""}
          placeholder="Start of an email or name"
          className={fieldClass}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="role" className="text-sm font-medium">
          Role
        </label>
        <select id="role" name="role" defaultValue={query.role ?? ""} className={fieldClass}>
          <option value="">All roles</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="sort" className="text-sm font-medium">
          Sort
        </label>
        <select id="sort" name="sort" defaultValue={query.sort ?? "newest"} className={fieldClass}>
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
        </select>
      </div>
      <button type="submit" className={buttonClass("primary", "px-4")}>
        Apply
      </button>
    </form>
  );
}
