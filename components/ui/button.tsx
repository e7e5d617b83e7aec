import Link from "next/link";
import type { ComponentProps } from "react";

const variants = {
  primary: "bg-zinc-900 text-white hover:bg-zinc-700 disabled:bg-zinc-500",
  secondary: "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50 disabled:text-zinc-500",
  danger: "bg-red-700 text-white hover:bg-red-600 disabled:bg-red-400",
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
