"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The admin area's pages the viewer's role may see (the layout chooses; each page checks again). */
export function AdminNav({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="flex gap-1">
      {links.map((link) => {
        const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${current ? "bg-primary text-primary-foreground" : "text-foreground hover:bg-accent"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
