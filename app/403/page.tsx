import type { Metadata } from "next";
import { ForbiddenNotice } from "@/components/forbidden-notice";

export const metadata: Metadata = { title: "Not allowed" };

/** Where proxy.ts sends signed-in visitors of admin pages who are not admins (with status 403). */
export default function ForbiddenPage() {
  return <ForbiddenNotice />;
}
