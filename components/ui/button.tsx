import Link from "next/link";
import type { ComponentProps } from "react";

const variants = {
  primary: "bg-primary text-primary-foreground hover:bg-primary/85 disabled:bg-primary/60",
  secondary: "border border-input bg-card text-card-foreground hover:bg-accent disabled:text-muted-foreground",
  danger: "bg-destructive text-destructive-foreground hover:bg-destructive/90 disabled:bg-destructive/60",
};

export type ButtonVariant = keyof typeof variants;

/** The class string of every button and button-styled link, so it is written once. */
export function buttonClass(variant: ButtonVariant = "primary", className = ""): string {
  return `inline-flex items-center justify-center rounded-md px-3 py-1.5 text-sm font-medium transition-colors disabled:cursor-wait ${variants[variant]} ${className}`;
}

export function Button({ variant, className, ...props }: ComponentProps<"button"> & { variant?: ButtonVariant }) {
  return <button type="button" {...props} className={buttonClass(variant, className)} />;
}

export function ButtonLink({ variant, className, ...props }: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link {...props} className={buttonClass(variant, className)} />;
}
