/**
 * The builder's choices: controls, theme, autoplay and loop, a step range and a width. Values are
 * the embed's and the element's own words (share/vocabulary.ts); a bad number is named beside
 * its field, which is marked invalid.
 */
import { useId } from "react";
import { CONTROLS, CONTROLS_MEANING, THEMES } from "../../share/displayVocabulary.ts";
import { FIELD_LABELS, type BuilderField, type BuilderForm, type FieldProblem } from "./builderForm.ts";

interface BuilderFieldsProps {
  form: BuilderForm;
  stepCount: number;
  problems: readonly FieldProblem[];
  onChange(form: BuilderForm): void;
}

const THEME_MEANING = { light: "always light", dark: "always dark", auto: "follows the page or system" };

export function BuilderFields({ form, stepCount, problems, onChange }: BuilderFieldsProps) {
  const id = useId();
  const set = (part: Partial<BuilderForm>) => onChange({ ...form, ...part });
  const problemOf = (field: BuilderField) => problems.find((p) => p.field === field);

  const numberField = (field: BuilderField, hint: string) => {
    const problem = problemOf(field);
    const inputId = `${id}-${field}`;
    return (
      <div className="builder-field">
        <label htmlFor={inputId}>{FIELD_LABELS[field]}</label>
        <input
          id={inputId}
          type="text"
          inputMode="numeric"
          size={6}
          value={form[field]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${inputId}-hint${problem ? ` ${inputId}-problem` : ""}`}
          onChange={(e) => set({ [field]: e.target.value })}
          data-testid={`builder.${field}`}
        />
        <span id={`${inputId}-hint`} className="muted">
          {hint}
        </span>
        {problem && (
          <span
            id={`${inputId}-problem`}
            className="builder-problem"
            data-testid={`builder.${field}-problem`}
          >
            {problem.message}
          </span>
        )}
      </div>
    );
  };

  return (
    <form className="builder-fields" onSubmit={(e) => e.preventDefault()} data-testid="builder.fields">
      <fieldset>
        <legend>Controls</legend>
        {CONTROLS.map((c) => (
          <label key={c} className="builder-choice">
            <input
              type="radio"
              name={`${id}-controls`}
              value={c}
              checked={form.controls === c}
              onChange={() => set({ controls: c })}
              data-testid={`builder.controls.${c}`}
            />
            <code>{c}</code> <span className="muted">{CONTROLS_MEANING[c]}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <label key={t} className="builder-choice">
            <input
              type="radio"
              name={`${id}-theme`}
              value={t}
              checked={form.theme === t}
              onChange={() => set({ theme: t })}
              data-testid={`builder.theme.${t}`}
            />
            <code>{t}</code> <span className="muted">{THEME_MEANING[t]}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Playing</legend>
        <label className="builder-choice">
          <input
            type="checkbox"
            checked={form.autoplay}
            onChange={(e) => set({ autoplay: e.target.checked })}
            data-testid="builder.autoplay"
          />
          <code>autoplay</code> <span className="muted">once in view</span>
        </label>
        <label className="builder-choice">
          <input
            type="checkbox"
            checked={form.loop}
            onChange={(e) => set({ loop: e.target.checked })}
            data-testid="builder.loop"
          />
          <code>loop</code> <span className="muted">start again at the end</span>
        </label>
      </fieldset>
      <fieldset>
        <legend>
          <code>steps</code> and <code>width</code>
        </legend>
        {numberField("from", `1 to ${stepCount}; both empty: the whole trace`)}
        {numberField("to", "each send, arrival, loss and event is a step")}
        {numberField("width", "200 to 4000; empty: the column's width")}
      </fieldset>
    </form>
  );
}
