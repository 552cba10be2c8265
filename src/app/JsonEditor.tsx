/**
 * The scenario as JSON, editable by hand. The problems of what was typed here are shown right
 * under the text (not at the top of the page), and the text says it is invalid: aria-invalid, a
 * red border, and aria-describedby pointing at the list, so a screen reader reads them with it.
 */
import { memo, useId, useState } from "react";
import { ProblemList } from "../ui/ProblemList.tsx";
import "./JsonEditor.css";

interface JsonEditorProps {
  /**
   * The editor's text, asked for only while the editor is open (a long scenario is a long text). A
   * new function when the text may have changed.
   */
  text(): string;
  onType(text: string): void;
  /** The problems to show next to the editor; null when they are shown elsewhere (the set-up's). */
  problems: readonly string[] | null;
  /** Open or closed, told to App: it shows the problems here only while the editor is open. */
  onOpenChange?(open: boolean): void;
}

export const JsonEditor = memo(function JsonEditor({
  text,
  onType,
  problems,
  onOpenChange,
}: JsonEditorProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const invalid = problems !== null && problems.length > 0;
  return (
    <details
      className="json-details"
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
        onOpenChange?.(e.currentTarget.open);
      }}
    >
      <summary>Scenario JSON (edit by hand)</summary>
      <div className="json-editor">
        <label htmlFor={id}>Scenario JSON</label>
        <textarea
          id={id}
          data-testid="setup.json"
          className={invalid ? "is-invalid" : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-problems` : undefined}
          value={open ? text() : ""}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          rows={16}
          onChange={(event) => onType(event.target.value)}
        />
        {problems !== null && <ProblemList problems={problems} id={`${id}-problems`} />}
      </div>
    </details>
  );
});
