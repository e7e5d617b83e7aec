import type { ComponentProps } from "react";

const tones = {
  default: "border-zinc-200",
  danger: "border-red-200",
};

/** A white, bordered panel: a section of a page. */
export function Card({ tone = "default", className = "", ...props }: ComponentProps<"section"> & { tone?: keyof typeof tones }) {
  return <section {...props} className={`rounded-lg border bg-white p-5 ${tones[tone]} ${className}`} />;
}
