import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A text field (input, or textarea with `multiline`), one look for every form. */
export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input {...props} className={cn(fieldClass, className)} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea {...props} className={cn(fieldClass, className)} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select {...props} className={cn(fieldClass, "pr-8", className)} />;
}

const fieldClass =
  "block w-full rounded-md border border-input bg-card px-3 py-2 text-sm text-card-foreground placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:opacity-60 aria-invalid:border-destructive";
