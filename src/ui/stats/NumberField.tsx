/** A labelled number input that only reports values inside its range. */
import { useId, useState } from "react";

export interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(value: number): void;
  testId: string;
}

export function NumberField({ label, value, min, max, step, onChange, testId }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const n = Number(text);
  const valid = text.trim() !== "" && Number.isFinite(n) && n >= min && n <= max;
  return (
    <span className="number-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={text}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-err`}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== "" && Number.isFinite(v) && v >= min && v <= max) onChange(v);
        }}
      />
      {!valid && (
        <span id={`${id}-err`} className="field-error" role="alert">
          {label}: expected a number from {min} to {max}
        </span>
      )}
    </span>
  );
}
