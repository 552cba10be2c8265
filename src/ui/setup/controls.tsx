/**
 * The set-up's controls: a labelled select, an optional number and a check box, each with the
 * one-line explanation shown on hover and focus (and read by screen readers), and, when disabled,
 * why. Presentation only: each reports a value, or undefined for "leave the field out".
 */
import { useId, useState } from "react";

/**
 * What a text box shows: as typed, until a new value comes from outside (undo, the JSON editor, a
 * preset), which replaces it (adjusted while rendering, as React recommends, not in an effect).
 */
function useDraft(value: string): [string, (text: string) => void] {
  const [text, setText] = useState(value);
  const [from, setFrom] = useState(value);
  if (from !== value) {
    setFrom(value);
    setText(value);
  }
  return [text, setText];
}

interface Common {
  label: string;
  /** One line that says what the control changes. */
  hint: string;
  testId: string;
  /** Why it cannot be used now; given: the control is disabled and says so. */
  disabledWhy?: string | undefined;
}

function Hint({ id, hint, disabledWhy }: { id: string; hint: string; disabledWhy?: string | undefined }) {
  return (
    <span id={`${id}-hint`} role="tooltip" className="field-hint">
      {disabledWhy ? `${hint} ${disabledWhy}` : hint}
    </span>
  );
}

export interface Option<T> {
  value: T;
  label: string;
}

export function Select<T extends string | number>({
  label,
  hint,
  testId,
  disabledWhy,
  value,
  options,
  onChange,
  disabled,
}: Common & {
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  disabled?: boolean | undefined;
}) {
  const id = useId();
  return (
    <div className="field" title={disabledWhy ? `${hint} ${disabledWhy}` : hint}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-describedby={`${id}-hint`}
        data-testid={testId}
        value={String(value)}
        disabled={disabled === true || disabledWhy !== undefined}
        onChange={(event) => {
          const chosen = options.find((option) => String(option.value) === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint id={id} hint={hint} disabledWhy={disabledWhy} />
    </div>
  );
}

/**
 * A whole number in [min, max], or empty for "not set". What the user types is kept as typed;
 * only a number in range is reported (on Enter or leaving the box), and clearing it reports undefined.
 */
export function NumberInput({
  label,
  hint,
  testId,
  disabledWhy,
  value,
  min,
  max,
  placeholder,
  onChange,
}: Common & {
  value: number | undefined;
  min: number;
  max: number;
  placeholder?: string;
  onChange: (value: number | undefined) => void;
}) {
  const id = useId();
  const shown = value === undefined ? "" : String(value);
  const [text, setText] = useDraft(shown);
  const parsed = text.trim() === "" ? undefined : Number(text);
  const valid = parsed === undefined || (Number.isInteger(parsed) && parsed >= min && parsed <= max);
  // Reported when the user leaves the box or presses Enter: one change (one undo step) per value.
  const commit = () => {
    if (valid && parsed !== value) onChange(parsed);
  };
  return (
    <div className="field" title={disabledWhy ? `${hint} ${disabledWhy}` : hint}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        placeholder={placeholder}
        aria-describedby={`${id}-hint`}
        aria-invalid={!valid}
        data-testid={testId}
        value={text}
        disabled={disabledWhy !== undefined}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
        }}
      />
      <Hint
        id={id}
        hint={valid ? hint : `${hint} Expected a whole number from ${min} to ${max}.`}
        disabledWhy={disabledWhy}
      />
    </div>
  );
}

/** A line of text, reported on Enter or leaving the box (empty: undefined). */
export function TextInput({
  label,
  hint,
  testId,
  disabledWhy,
  value,
  onChange,
}: Common & { value: string; onChange: (value: string | undefined) => void }) {
  const id = useId();
  const [text, setText] = useDraft(value);
  const commit = () => {
    if (text !== value) onChange(text === "" ? undefined : text);
  };
  return (
    <div className="field" title={disabledWhy ? `${hint} ${disabledWhy}` : hint}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        aria-describedby={`${id}-hint`}
        data-testid={testId}
        value={text}
        disabled={disabledWhy !== undefined}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
        }}
      />
      <Hint id={id} hint={hint} disabledWhy={disabledWhy} />
    </div>
  );
}

/** A yes/no; unticked reports undefined, so the field is left out (its default is no). */
export function Check({
  label,
  hint,
  testId,
  disabledWhy,
  checked,
  onChange,
}: Common & { checked: boolean; onChange: (value: true | undefined) => void }) {
  const id = useId();
  return (
    <div className="field field-check" title={disabledWhy ? `${hint} ${disabledWhy}` : hint}>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          aria-describedby={`${id}-hint`}
          data-testid={testId}
          checked={checked}
          disabled={disabledWhy !== undefined}
          onChange={(event) => onChange(event.target.checked ? true : undefined)}
        />{" "}
        {label}
      </label>
      <Hint id={id} hint={hint} disabledWhy={disabledWhy} />
    </div>
  );
}

/** A titled group of controls inside the real-world disclosure. */
export function Group({
  title,
  children,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <fieldset className="setup-form setup-group" data-testid={testId}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
