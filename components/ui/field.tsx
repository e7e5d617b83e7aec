import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import { Label } from "./label";

interface FieldProps {
  /** The control's id: the label points at it, and its error is `${id}-error`. */
  id: string;
  label: ReactNode;
  /** A note after the label, in the muted colour. */
  hint?: ReactNode;
  /** The field's errors, from the form's last result. */
  errors?: string[];
  /** The control, given the attributes that tie it to its label and error. */
  children: (control: { id: string; "aria-describedby": string; "aria-invalid": boolean | undefined }) => ReactNode;
  className?: string;
}

/** A label, a control and its error message, wired for screen readers (aria-describedby, aria-invalid). */
export function Field({ id, label, hint, errors, children, className }: FieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className={cn("space-y-1", className)}>
      <Label htmlFor={id}>
        {label} {hint && <span className="font-normal text-muted-foreground">{hint}</span>}
      </Label>
      {children({ id, "aria-describedby": errorId, "aria-invalid": errors?.length ? true : undefined })}
      <p id={errorId} className="text-sm text-destructive empty:hidden">
        {errors?.join(" ")}
      </p>
    </div>
  );
}
