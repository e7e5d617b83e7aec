import { redirect } from "next/navigation";
import { requireAdminArea } from "@/lib/auth/guards";

export default async function AdminPage() {
  await requireAdminArea();
  redirect("/admin/users");
}
