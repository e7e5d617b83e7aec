import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ROLES } from "@/config/roles";
import type { UserListQuery } from "@/lib/users/queries";

/** A plain GET form: the filters live in the URL, so a filtered list can be shared and reloaded. */
export function UserFilters({ query }: { query: UserListQuery }) {
  return (
    <form method="get" role="search" className="flex flex-wrap items-end gap-3">
      <div className="flex min-w-56 flex-1 flex-col gap-1">
        <Label htmlFor="q">Search</Label>
        <Input id="q" name="q" type="search" defaultValue={query.search ?? ""} placeholder="Start of an email or name" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="role">Role</Label>
        <Select id="role" name="role" defaultValue={query.role ?? ""}>
          <option value="">All roles</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="sort">Sort</Label>
        <Select id="sort" name="sort" defaultValue={query.sort ?? "newest"}>
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
        </Select>
      </div>
      <button type="submit" className={buttonClass("primary", "px-4")}>
        Apply
      </button>
    </form>
  );
}
