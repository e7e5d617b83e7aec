import type { ComponentProps } from "react";

const tones = {
  default: "border-border",
  danger: "border-destructive/40",
};

/** A white, bordered panel: a section of a page. */
export function Card({ tone = "default", className = "", ...props }: ComponentProps<"section"> & { tone?: keyof typeof tones }) {
  return <section {...props} className={`rounded-lg border bg-card p-5 ${tones[tone]} ${className}`} />;
}
