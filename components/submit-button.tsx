"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

const variants = {
  primary: "bg-zinc-900 text-white hover:bg-zinc-700 disabled:bg-zinc-500",
  secondary: "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50 disabled:text-zinc-500",
  danger: "bg-red-700 text-white hover:bg-red-600 disabled:bg-red-400",
};

interface SubmitButtonProps {
  children: ReactNode;
  pendingLabel?: string;
  variant?: keyof typeof variants;
  className?: string;
  name?: string;
  value?: string;
}

/** A form's submit button that shows the form is pending and cannot be sent twice. */
export function SubmitButton({ children, pendingLabel, variant = "primary", className = "", name, value }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-disabled={pending}
      className={`inline-flex items-center justify-center rounded-md px-3 py-1.5 text-sm font-medium transition-colors disabled:cursor-wait ${variants[variant]} ${className}`}
    >
      {pending ? (pendingLabel ?? children) : children}
    </button>
  );
}
