/**
 * A lesson's Markdown as React elements: `marked`'s lexer reads it, and only the parts the lesson
 * format allows become elements (paragraphs, bold, emphasis, code, lists, line breaks, http(s)
 * links). Nothing is ever set as HTML: markup that slipped past the validator is shown as the text
 * it is, and a link to any other scheme is shown as its text alone (the site's CSP has no
 * unsafe-inline, and a lesson may come from a link someone else made).
 */
import { Lexer, type Token, type Tokens } from "marked";
import { memo, useMemo, type ReactNode } from "react";

/** Only links a reader can follow safely: http and https. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function inline(tokens: readonly Token[] | undefined, key: string): ReactNode[] {
  return (tokens ?? []).map((token, i) => inlineToken(token, `${key}.${i}`));
}

function inlineToken(token: Token, key: string): ReactNode {
  switch (token.type) {
    case "strong":
      return <strong key={key}>{inline((token as Tokens.Strong).tokens, key)}</strong>;
    case "em":
      return <em key={key}>{inline((token as Tokens.Em).tokens, key)}</em>;
    case "codespan":
      return <code key={key}>{(token as Tokens.Codespan).text}</code>;
    case "br":
      return <br key={key} />;
    case "link": {
      const link = token as Tokens.Link;
      const href = safeHref(link.href);
      const text = inline(link.tokens, key);
      return href === null ? (
        <span key={key}>{text}</span>
      ) : (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {text}
        </a>
      );
    }
    case "text": {
      const text = token as Tokens.Text;
      return text.tokens ? <span key={key}>{inline(text.tokens, key)}</span> : text.text;
    }
    case "escape":
      return (token as Tokens.Escape).text;
    default:
      // Markup, strike-through, images and anything else the format leaves out: their source text.
      return token.raw;
  }
}

function block(token: Token, key: string): ReactNode {
  switch (token.type) {
    case "paragraph":
      return <p key={key}>{inline((token as Tokens.Paragraph).tokens, key)}</p>;
    case "list": {
      const list = token as Tokens.List;
      const items = list.items.map((item, i) => (
        <li key={`${key}.${i}`}>{blocks(item.tokens, `${key}.${i}`)}</li>
      ));
      return list.ordered ? (
        <ol key={key} start={typeof list.start === "number" && list.start !== 1 ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case "text": {
      // A tight list item's text: inline content, no paragraph around it.
      const text = token as Tokens.Text;
      return <span key={key}>{text.tokens ? inline(text.tokens, key) : text.text}</span>;
    }
    case "space":
      return null;
    default:
      // Headings, quotes, code blocks, tables, markup: shown as written, never interpreted.
      return (
        <p key={key} className="md-raw">
          {token.raw.trim()}
        </p>
      );
  }
}

function blocks(tokens: readonly Token[], key: string): ReactNode[] {
  return tokens.map((token, i) => block(token, `${key}.${i}`));
}

/** React elements for a Markdown text (pure: the same text gives the same elements). */
export function markdownElements(text: string): ReactNode[] {
  return blocks(Lexer.lex(text), "md");
}

/** A lesson text: Markdown drawn as elements, in a `div` (or `span` when `inline`, one paragraph). */
export const Markdown = memo(function Markdown({
  text,
  className,
  testId,
}: {
  text: string;
  className?: string;
  testId?: string;
}) {
  const elements = useMemo(() => markdownElements(text), [text]);
  return (
    <div className={className ? `md ${className}` : "md"} data-testid={testId}>
      {elements}
    </div>
  );
});
