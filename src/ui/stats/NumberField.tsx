/** A labelled number input that only reports values inside its range, and says when it holds none. */
import { useCallback, useId, useState } from "react";

export interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(value: number): void;
  /** Told whether the field holds a value in range, at every edit. */
  onValidity?(valid: boolean): void;
  testId: string;
}

export function NumberField({
  label,
  value,
  min,
  max,
  step,
  onChange,
  onValidity,
  testId,
}: NumberFieldProps) {
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
          const ok = e.target.value.trim() !== "" && Number.isFinite(v) && v >= min && v <= max;
          if (ok) onChange(v);
          onValidity?.(ok);
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

/**
 * The invalid fields of a form, by name: `report(name)` goes to a NumberField's onValidity, and
 * `invalid` lists the names whose field holds no usable value (a run must wait for them).
 */
export function useFieldValidity() {
  const [invalid, setInvalid] = useState<readonly string[]>([]);
  const report = useCallback(
    (name: string) => (valid: boolean) =>
      setInvalid((prev) => {
        const has = prev.includes(name);
        if (valid === !has) return prev;
        return valid ? prev.filter((n) => n !== name) : [...prev, name];
      }),
    [],
  );
  return { invalid, report };
}
