/** The dismissible notice listing a link's parameters that could not be used. */
import { memo } from "react";

export interface UrlNoticeProps {
  notices: readonly string[];
  intro: string;
  className?: string;
  onDismiss(): void;
}

export const UrlNotice = memo(function UrlNotice({ notices, intro, className, onDismiss }: UrlNoticeProps) {
  if (notices.length === 0) return null;
  return (
    <div
      className={className ? `url-notice ${className}` : "url-notice"}
      role="status"
      data-testid="url-notice"
    >
      <p>{intro}</p>
      <ul>
        {/* Two notices may read the same (the same bad fault written twice): keyed by place. */}
        {notices.map((n, i) => (
          <li key={`${i}:${n}`}>
            <code>{n}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss} data-testid="url-notice.dismiss">
        Dismiss
      </button>
    </div>
  );
});
