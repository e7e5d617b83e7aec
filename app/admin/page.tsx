import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/authz";

export default async function AdminPage() {
  await requireAdmin();
  redirect("/admin/users");
}
