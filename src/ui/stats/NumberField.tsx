/**
 * A labelled number input read by its rule in `stats/input.ts` (`NUMBER_FIELDS`): it reports only
 * values the rule accepts, and otherwise shows the rule's message beside the field.
 */
import { useCallback, useId, useState } from "react";
import { NUMBER_FIELDS, readField, type NumberFieldName } from "../../stats/input.ts";

export interface NumberFieldProps {
  /** Which field: its label, range and whether it takes fractions come from NUMBER_FIELDS. */
  field: NumberFieldName;
  value: number;
  onChange(value: number): void;
  /** Told whether the field holds a usable value, at every edit. */
  onValidity?(valid: boolean): void;
  testId: string;
}

export function NumberField({ field, value, onChange, onValidity, testId }: NumberFieldProps) {
  const id = useId();
  const rule = NUMBER_FIELDS[field];
  const [text, setText] = useState(String(value));
  const reading = readField(field, text);
  const errorId = `${id}-err`;
  const edit = (next: string) => {
    setText(next);
    const read = readField(field, next);
    if (read.ok) onChange(read.value);
    onValidity?.(read.ok);
  };
  return (
    <span className="number-field">
      <label htmlFor={id}>{rule.label}</label>
      {/* A text input: a number input would hide what was typed ("1e" reads as empty). */}
      <input
        id={id}
        type="text"
        inputMode={rule.integer ? "numeric" : "decimal"}
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-invalid={!reading.ok}
        aria-describedby={reading.ok ? undefined : errorId}
        data-testid={testId}
        onChange={(e) => edit(e.target.value)}
      />
      {!reading.ok && (
        <span id={errorId} className="field-error" role="alert">
          {reading.message}
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

/** "Fix A, B first." for the fields that hold a run or an export up, or undefined when none does. */
export function fixFirst(names: readonly string[]): string | undefined {
  return names.length > 0 ? `Fix ${names.join(", ")} first.` : undefined;
}
