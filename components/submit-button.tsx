"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "./ui/button";

interface SubmitButtonProps {
  children: ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  className?: string;
  name?: string;
  value?: string;
}

/** A form's submit button that shows the form is pending and cannot be sent twice. */
export function SubmitButton({ children, pendingLabel, variant = "primary", className, name, value }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} className={buttonClass(variant, className)}>
      {pending ? (pendingLabel ?? children) : children}
    </button>
  );
}
