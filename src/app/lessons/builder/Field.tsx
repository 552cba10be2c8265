/**
 * One labelled field of the lesson builder with the validator's problems for it right below,
 * tied to it by aria-describedby and marked invalid, as the embed builder's fields are.
 */
import { useId, type ReactNode, type Ref } from "react";

interface FieldProps {
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  problems?: readonly string[] | undefined;
  testId: string;
  /** A paragraph of Markdown rather than one line. */
  multiline?: boolean;
  hint?: string | undefined;
  placeholder?: string;
  inputMode?: "numeric";
  /** The text area or input itself (a new step's text takes the focus). */
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}

export function Field({
  label,
  value,
  onChange,
  problems,
  testId,
  multiline = false,
  hint,
  placeholder,
  inputMode,
  inputRef,
}: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : "", problems?.length ? `${id}-problems` : ""].join(" ").trim();
  const common = {
    id,
    value,
    placeholder,
    "aria-invalid": problems?.length ? true : undefined,
    "aria-describedby": described || undefined,
    "data-testid": testId,
    ref: inputRef,
  };
  return (
    <div className="lb-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" inputMode={inputMode} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint && (
        <span id={`${id}-hint`} className="muted lb-hint">
          {hint}
        </span>
      )}
      <FieldProblems id={`${id}-problems`} problems={problems} testId={`${testId}-problems`} />
    </div>
  );
}

/** The validator's messages for one field (or one group of fields); nothing when there are none. */
export function FieldProblems({
  id,
  problems,
  testId,
}: {
  id?: string;
  problems: readonly string[] | undefined;
  testId: string;
}) {
  if (!problems?.length) return null;
  return (
    <ul id={id} className="lb-problems" data-testid={testId}>
      {problems.map((problem, i) => (
        <li key={i}>{problem}</li>
      ))}
    </ul>
  );
}
