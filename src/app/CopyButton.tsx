/** A button that copies text made at the click; where the clipboard is refused, a prompt shows it. */
import { useState } from "react";

interface CopyButtonProps {
  label: string;
  /** Said (politely, to screen readers too) once the text is on the clipboard. */
  done: string;
  text(): string;
  testId: string;
  title?: string;
  /** Nothing to copy yet (the embed builder while a field is wrong). */
  disabled?: boolean;
}

export function CopyButton({ label, done, text, testId, title, disabled = false }: CopyButtonProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    const value = text();
    try {
      await navigator.clipboard.writeText(value);
      setCopied(done);
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): show the text instead.
      window.prompt(`${label}:`, value);
      setCopied(null);
    }
  };
  return (
    <span className="copy-link">
      <button
        type="button"
        onClick={() => void copy()}
        data-testid={testId}
        title={title}
        disabled={disabled}
      >
        {label}
      </button>
      <span role="status" className="muted">
        {copied}
      </span>
    </span>
  );
}
